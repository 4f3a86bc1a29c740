using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

// Not LivingBetter.Tests.Organisation: that namespace would hide the Organisation entity from the shared test support.
namespace LivingBetter.Tests.OrganisationAdmin;

public sealed class AccessTests : IDisposable
{
    private readonly LivingBetterApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AdminOfAnotherOrganisation_OpeningOrChangingItsThings_GetsNotFoundAndChangesNothing()
    {
        var a = await _app.SignInAsNewAdminAsync();
        var (orgB, teamB) = await _app.CreateOrganisationAsync("Organisation B");
        var divisionB = await _app.DivisionIdAsync(orgB, "Adult Mental Health Services");
        var localityB = await _app.WithDbAsync(db => db.Localities.Where(l => l.OrganisationId == orgB).Select(l => l.Id).SingleAsync());
        var staffB = await _app.CreateStaffAsync(orgB, teamB);
        var membershipB = await _app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == staffB.UserId).Select(m => m.Id).SingleAsync());

        string[] urls =
        [
            $"/organisation/divisions/{divisionB}/rename", $"/organisation/divisions/{divisionB}/delete",
            $"/organisation/localities/{localityB}/rename", $"/organisation/localities/{localityB}/delete",
            $"/organisation/teams/{teamB}/edit", $"/organisation/teams/{teamB}/delete",
            $"/organisation/staff/{membershipB}", $"/organisation/staff/{membershipB}/end",
            $"/organisation/staff/{membershipB}/teams/{teamB}/remove",
        ];
        foreach (var url in urls)
        {
            var get = await a.Client.GetAsync(url);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)get.StatusCode}");
            var post = await a.Client.PostWithTokenAsync("/organisation/divisions/add", url, new Dictionary<string, string> { ["Input.Name"] = "Taken over" });
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)post.StatusCode}");
            Assert.DoesNotContain("Organisation B", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await _app.WithDbAsync(async db => (
            await db.Divisions.Where(d => d.Id == divisionB).Select(d => d.Name).SingleAsync(),
            await db.Teams.Where(t => t.Id == teamB).Select(t => t.Name).SingleAsync(),
            await db.StaffMemberships.Where(m => m.Id == membershipB).Select(m => m.LeftAt).SingleAsync(),
            await db.TeamMemberships.CountAsync(m => m.TeamId == teamB)));
        Assert.Equal(("Adult Mental Health Services", "Test Community Team", (DateTimeOffset?)null, 1), after);
        var teams = await a.Client.GetPageAsync("/organisation/teams");
        Assert.DoesNotContain("Organisation B", teams.MainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.TeamLead)]
    public async Task StaffWhoAreNotAdministrators_OpeningAdminPages_GetNotFound(string role)
    {
        var (org, team) = await _app.CreateOrganisationAsync();
        var client = await _app.SignInAsync(await _app.CreateStaffAsync(org, team, role));

        foreach (var url in new[] { "/organisation", "/organisation/teams", "/organisation/staff/invite", "/organisation/settings", $"/organisation/teams/{team}/edit" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task OrgAdminRoleWithoutAdministratorMembership_OpeningOverview_GetsNotFound()
    {
        var s = await _app.SignInAsNewAdminAsync();
        await _app.WithDbAsync(async db =>
        {
            await db.StaffMemberships.Where(m => m.UserId == s.Admin.UserId).ExecuteUpdateAsync(u => u.SetProperty(m => m.IsAdministrator, false));
        });

        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/organisation")).StatusCode);
    }

    [Fact]
    public async Task Person_OpeningAdminPages_GetsNotFound_AndAnonymousIsSentToSignIn()
    {
        var person = await _app.SignInAsNewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync("/organisation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync("/organisation/staff")).StatusCode);

        var anonymous = await _app.NewClient().GetAsync("/organisation/teams");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", anonymous.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/organisation/divisions/not-a-guid/rename")]
    [InlineData("/organisation/teams/00000000-0000-0000-0000-000000000000/edit")]
    [InlineData("/organisation/wards")]
    [InlineData("/organisation/staff/00000000-0000-0000-0000-000000000001/end")]
    public async Task Admin_OpeningUnknownIds_GetsNotFound(string url)
    {
        var s = await _app.SignInAsNewAdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/organisation/teams/add", "Input.DivisionId", "junk")]
    [InlineData("/organisation/teams/add", "Input.LocalityId", "../../etc")]
    [InlineData("/organisation/staff/invite", "Input.JobRole", "Astronaut")]
    [InlineData("/organisation/staff/invite", "Input.TeamId", "12345")]
    [InlineData("/organisation/staff/invite", "Input.MakeAdministrator", "perhaps")]
    [InlineData("/organisation/settings", "Input.WheelScaleMax", "99999999999999999999")]
    public async Task Admin_PostingJunk_GetsTheFormBackWithAMessage(string url, string field, string value)
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitFormAsync(url, new Dictionary<string, string> { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await Forms.ParseAsync(response)).ErrorSummary());
    }
}

public sealed class MarkupInNamesTests : IDisposable
{
    private readonly LivingBetterApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AddTeam_WithMarkupInName_ShowsItAsPlainText()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitFormAsync("/organisation/teams/add", new Dictionary<string, string> { ["Input.Name"] = "\t<b>Bold</b> team" });

        await response.AssertRedirectToAsync("/organisation/teams");
        var list = await s.Client.GetPageAsync("/organisation/teams");
        Assert.Null(list.QuerySelector("main b"));
        Assert.Contains("<b>Bold</b> team", list.MainText(), StringComparison.Ordinal);
    }
}
