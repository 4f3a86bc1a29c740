using System.Net;
using System.Text.RegularExpressions;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

// Not LivingBetter.Tests.Organisation: that namespace would hide the Organisation entity from the shared test support.
namespace LivingBetter.Tests.OrganisationAdmin;

public sealed partial class StaffInvitationTests : IDisposable
{
    private readonly LivingBetterApp _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"https?://[^\s]+/invitations/staff/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    private async Task<string> InviteAsync(AdminSession s, string email, bool teamLead = true, bool admin = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.JobRole"] = nameof(JobRole.PeerSupportWorker),
            ["Input.TeamId"] = s.TeamId.ToString(),
        };
        if (teamLead)
        {
            fields["Input.TeamLead"] = "true";
        }
        if (admin)
        {
            fields["Input.MakeAdministrator"] = "true";
        }
        var response = await s.Client.SubmitFormAsync("/organisation/staff/invite", fields);
        await response.AssertRedirectToAsync("/organisation/staff");
        var message = _app.Email.LastTo(email);
        return new Uri(InvitationLink().Match(message.TextBody).Value).AbsolutePath;
    }

    private static Dictionary<string, string> NewAccount(string password = LivingBetterApp.Password) => new()
    {
        ["Input.DisplayName"] = "Sam Peer",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task InviteThenAccept_AsNewAccount_CreatesStaffInTeamAndAsksForTwoStepSignIn()
    {
        var s = await _app.SignInAsNewAdminAsync("Invite Trust");

        var link = await InviteAsync(s, "sam@example.org");
        Assert.Contains("Invite Trust", _app.Email.LastTo("sam@example.org").Subject, StringComparison.Ordinal);
        var token = link.Split('/').Last();
        var stored = await _app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Email == "sam@example.org"));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.Equal(LivingBetterApp.Start.AddDays(7), stored.ExpiresAt - (_app.Time.GetUtcNow() - LivingBetterApp.Start));
        Assert.Contains("sam@example.org", (await s.Client.GetPageAsync("/organisation/staff")).MainText(), StringComparison.Ordinal);

        var newcomer = _app.NewClient();
        var page = await newcomer.GetPageAsync(link);
        Assert.Contains("Invite Trust has invited", page.MainText(), StringComparison.Ordinal);
        var response = await newcomer.SubmitFormAsync(link, NewAccount());
        await response.AssertRedirectToAsync("/");
        var home = await newcomer.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/two-factor/setup", home.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        var (user, membership, team, roles, invitation) = await _app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Email == "sam@example.org");
            var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToListAsync();
            return (u, await db.StaffMemberships.SingleAsync(m => m.UserId == u.Id), await db.TeamMemberships.SingleAsync(m => m.UserId == u.Id),
                roleNames.OrderBy(r => r).ToList(), await db.Invitations.SingleAsync(i => i.Email == "sam@example.org"));
        });
        Assert.Equal("Sam Peer", user.DisplayName);
        Assert.Equal((s.OrganisationId, JobRole.PeerSupportWorker, false), (membership.OrganisationId, membership.JobRole, membership.IsAdministrator));
        Assert.Equal((s.TeamId, TeamRole.TeamLead), (team.TeamId, team.Role));
        Assert.Equal([Roles.Staff, Roles.TeamLead], roles);
        Assert.Equal(user.Id, invitation.UsedByUserId);

        var again = await _app.NewClient().GetPageAsync(link);
        Assert.Contains("already been used", again.MainText(), StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("main form"));
    }

    [Fact]
    public async Task AcceptInvitation_UsedTwiceFromTwoBrowsers_SecondIsRefused()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var link = await InviteAsync(s, "twice@example.org");
        var first = _app.NewClient();
        var second = _app.NewClient();
        var secondForm = await second.GetPageAsync(link);
        Assert.NotNull(secondForm.QuerySelector("main form"));

        await (await first.SubmitFormAsync(link, NewAccount())).AssertRedirectToAsync("/");
        var token = secondForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var late = await second.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>(NewAccount()) { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("already been used", (await Forms.ParseAsync(late)).MainText(), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.StaffMemberships.CountAsync(m => m.OrganisationId == s.OrganisationId && m.User!.Email == "twice@example.org")));
    }

    [Fact]
    public async Task AcceptInvitation_AfterSevenDays_IsRefusedAndNoAccountIsMade()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var link = await InviteAsync(s, "late@example.org");

        _app.Time.Advance(TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(1)));
        var page = await _app.NewClient().GetPageAsync(link);

        Assert.Contains("This invitation has expired", page.MainText(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "late@example.org")));
    }

    [Fact]
    public async Task AcceptInvitation_WithUnknownToken_SaysTheLinkIsNotRight()
    {
        var page = await _app.NewClient().GetPageAsync("/invitations/staff/" + new string('A', 43));

        Assert.Contains("This invitation link is not right", page.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptInvitation_WithShortPassword_ShowsErrorAndLeavesInvitationUsable()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var link = await InviteAsync(s, "short@example.org");

        var response = await _app.NewClient().SubmitFormAsync(link, NewAccount("short"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Password must be between 8 and 128 characters", (await Forms.ParseAsync(response)).FieldError("Input_Password"));
        Assert.Null(await _app.WithDbAsync(db => db.Invitations.Where(i => i.Email == "short@example.org").Select(i => i.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task AcceptInvitation_SignedInAsInvitedPerson_AddsStaffRoleToExistingAccount()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var person = await _app.CreatePersonAsync("Existing Person");
        var link = await InviteAsync(s, person.Email, teamLead: false, admin: true);

        var anonymous = await _app.NewClient().GetPageAsync(link);
        Assert.NotNull(anonymous.QuerySelector($"a[href='/account/sign-in?returnUrl={Uri.EscapeDataString(link)}']"));
        var client = await _app.SignInAsync(person);
        var response = await client.SubmitFormAsync(link, new Dictionary<string, string>(), "handler=accept");

        await response.AssertRedirectToAsync("/");
        var roles = await _app.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == person.UserId select r.Name).ToListAsync());
        Assert.Equal([Roles.OrgAdmin, Roles.Person, Roles.Staff], roles.OrderBy(r => r));
        Assert.True(await _app.WithDbAsync(db => db.StaffMemberships.AnyAsync(m => m.UserId == person.UserId && m.IsAdministrator)));
    }

    [Fact]
    public async Task Invite_ExistingStaffMember_IsRefusedWithMessageOnEmail()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitFormAsync("/organisation/staff/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = s.Admin.Email.ToUpperInvariant(),
            ["Input.JobRole"] = nameof(JobRole.Manager),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already a member of staff here", (await Forms.ParseAsync(response)).FieldError("Input_Email"), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Email.Sent, m => m.To.Equals(s.Admin.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Invite_WithMissingFields_ShowsErrorsNamingEachField()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitFormAsync("/organisation/staff/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = "not an email",
            ["Input.TeamLead"] = "true",
        });

        var page = await Forms.ParseAsync(response);
        Assert.Equal("Enter an email address in the right format, like name@example.com", page.FieldError("Input_Email"));
        Assert.Equal("Choose a job role", page.FieldError("Input_JobRole"));
        Assert.Equal("Choose the team they will lead, or untick team lead", page.FieldError("Input_TeamId"));
        Assert.False(await _app.WithDbAsync(db => db.Invitations.AnyAsync()));
    }

    [Fact]
    public async Task RemoveFromTeamThenEndMembership_TakesAwayTeamAndStaffRoles()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var lead = await _app.CreateStaffAsync(s.OrganisationId, s.TeamId, Roles.TeamLead);
        var membershipId = await _app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == lead.UserId).Select(m => m.Id).SingleAsync());

        var confirm = await s.Client.GetPageAsync($"/organisation/staff/{membershipId}/teams/{s.TeamId}/remove");
        Assert.Contains("Are you sure?", confirm.MainText(), StringComparison.Ordinal);
        await (await s.Client.SubmitFormAsync($"/organisation/staff/{membershipId}/teams/{s.TeamId}/remove", new Dictionary<string, string>()))
            .AssertRedirectToAsync($"/organisation/staff/{membershipId}");
        Assert.False(await _app.WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == lead.UserId)));

        await (await s.Client.SubmitFormAsync($"/organisation/staff/{membershipId}/end", new Dictionary<string, string>()))
            .AssertRedirectToAsync("/organisation/staff");
        var roles = await _app.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == lead.UserId));
        Assert.Equal(0, roles);
        Assert.NotNull(await _app.WithDbAsync(db => db.StaffMemberships.Where(m => m.Id == membershipId).Select(m => m.LeftAt).SingleAsync()));
        Assert.DoesNotContain(lead.Email, (await s.Client.GetPageAsync("/organisation/staff")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndMembership_OfYourself_IsRefused()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var membershipId = await _app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == s.Admin.UserId).Select(m => m.Id).SingleAsync());

        var response = await s.Client.PostWithTokenAsync("/organisation/staff", $"/organisation/staff/{membershipId}/end", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot end your own staff membership", (await Forms.ParseAsync(response)).MainText(), StringComparison.Ordinal);
        Assert.Null(await _app.WithDbAsync(db => db.StaffMemberships.Where(m => m.Id == membershipId).Select(m => m.LeftAt).SingleAsync()));
    }
}
