using System.Net;
using System.Text.RegularExpressions;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Sharing;

public sealed partial class SharingFlowTests
{
    [GeneratedRegex(@"/invitations/supporter/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task InviteShareReadWithdraw_SupporterNextRequest_IsRefusedAndEveryAccessIsLogged()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Alex Rowan");
        await app.AddPlanWithMarkerAsync(person.PersonId!.Value, "MARKER-flow-crisis-3a");
        var alex = await app.SignInAsync(person);

        // Invite by email; the supporter creates an account from the link.
        var invited = await alex.SubmitFormAsync("/sharing/supporters/invite", new Dictionary<string, string>
        {
            ["Input.Relationship"] = "friend",
            ["Input.Email"] = "sam.rowan@test.livingbetter.example",
        });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = InvitationLink().Match(app.Email.LastTo("sam.rowan@test.livingbetter.example").TextBody).Value;
        Assert.NotEmpty(link);

        var sam = app.NewClient();
        var invitationPage = await sam.GetPageAsync(link);
        Assert.Contains("Alex Rowan has invited you to support them", invitationPage.MainText());
        var created = await sam.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Sam Rowan",
            ["Input.Email"] = "sam.rowan@test.livingbetter.example",
            ["Input.Password"] = LivingBetterApp.Password,
        }, "handler=create");
        Assert.Equal("/supporting?accepted=true", created.Headers.Location?.OriginalString);
        var samId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "sam.rowan@test.livingbetter.example").Select(u => u.Id).SingleAsync());

        // Share only the crisis plan.
        var shared = await alex.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Grantee"] = $"user:{samId}",
            ["Input.Part"] = nameof(SharedPart.CrisisPlan),
            ["Input.Access"] = nameof(ShareAccess.View),
            ["Input.EndDate"] = "2027-03-01",
        });
        Assert.Equal("/sharing?done=shared", shared.Headers.Location?.OriginalString);
        var sharing = await alex.GetPageAsync("/sharing");
        Assert.Contains("Sam Rowan (friend) can see your crisis plan until the end of 1 March 2027.", sharing.MainText());

        // The supporter reads: the page lists only the crisis plan, and the API agrees.
        var supporting = await sam.GetPageAsync("/supporting");
        Assert.Contains("Alex Rowan's crisis plan", supporting.MainText());
        Assert.DoesNotContain("wellbeing plan", supporting.MainText());
        var personPage = await sam.GetPageAsync($"/people/{person.PersonId}");
        Assert.Contains("crisis plan", personPage.MainText());
        var api = await sam.GetAsync($"/api/people/{person.PersonId}/shared-with-me");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("\"CrisisPlan\"", await api.Content.ReadAsStringAsync());
        Assert.DoesNotContain("WellbeingPlan", await api.Content.ReadAsStringAsync());
        var crisisPage = await sam.GetAsync($"/people/{person.PersonId}/plans/staying-well/crisis");
        Assert.Contains("MARKER-flow-crisis-3a", await crisisPage.Content.ReadAsStringAsync());
        Assert.True(crisisPage.Headers.CacheControl?.NoStore, "A shared plan must never be kept in a browser or shared cache.");
        var planApi = await sam.GetAsync($"/api/people/{person.PersonId}/plans/staying-well");
        Assert.Contains("MARKER-flow-crisis-3a", await planApi.Content.ReadAsStringAsync());

        // One click withdraws; the very next requests are refused with nothing personal in them.
        var stopped = await alex.SubmitFormAsync("/sharing", new Dictionary<string, string>(), "handler=stop");
        Assert.Equal("/sharing?done=stopped", stopped.Headers.Location?.OriginalString);
        var pageAfter = await sam.GetAsync($"/people/{person.PersonId}");
        var apiAfter = await sam.GetAsync($"/api/people/{person.PersonId}/shared-with-me");
        Assert.Equal(HttpStatusCode.NotFound, pageAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiAfter.StatusCode);
        foreach (var url in new[] { $"/people/{person.PersonId}/plans/staying-well/crisis", $"/api/people/{person.PersonId}/plans/staying-well", $"/people/{person.PersonId}/plans" })
        {
            var after = await sam.GetAsync(url);
            Assert.True(after.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)after.StatusCode} after withdrawal");
            Assert.DoesNotContain("MARKER-flow-crisis-3a", await after.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("Alex", await pageAfter.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Alex", await apiAfter.Content.ReadAsStringAsync());
        Assert.Contains("not sharing anything with you", (await sam.GetPageAsync("/supporting")).MainText());

        // The person sees each of those accesses, allowed and refused, in their log.
        var log = await alex.GetPageAsync("/sharing/log");
        var rows = log.QuerySelectorAll("tbody tr").Select(r => r.TextContent).Where(t => t.Contains("Sam Rowan")).ToList();
        Assert.Equal(2, rows.Count(r => r.Contains("Looked at what you share") && r.Contains("Allowed")));
        Assert.Equal(2, rows.Count(r => r.Contains("Looked at what you share") && r.Contains("Refused")));
        Assert.Contains(rows, r => r.Contains("Accepted your invitation"));
        Assert.DoesNotContain(log.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Who You"));
    }

    [Fact]
    public async Task Sharing_WithTeamAndNamedStaff_ReadersSummaryNamesEachAndStopsAfterExpiry()
    {
        using var app = new LivingBetterApp();
        var (org, team) = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync("Robin Ash");
        await app.AddCareEpisodeAsync(person.PersonId!.Value, team);
        var staff = await app.CreateStaffAsync(org, team);
        var robin = await app.SignInAsync(person);

        var page = await robin.GetPageAsync("/sharing/new");
        var options = page.QuerySelectorAll("#Input_Grantee option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains($"team:{team}", options);
        Assert.Contains($"user:{staff.UserId}", options);

        await robin.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Grantee"] = $"team:{team}",
            ["Input.Part"] = nameof(SharedPart.WellbeingPlan),
            ["Input.Access"] = nameof(ShareAccess.Suggest),
        });
        var tomorrow = app.Time.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd");
        await robin.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Grantee"] = $"user:{staff.UserId}",
            ["Input.Part"] = nameof(SharedPart.StayingWellPlan),
            ["Input.Access"] = nameof(ShareAccess.View),
            ["Input.EndDate"] = tomorrow,
        });

        var readers = await app.WithServicesAsync(sp => sp.GetRequiredService<LivingBetter.Web.Features.Sharing.SharingSummary>()
            .ReadersAsync(person.PersonId!.Value, SharedPart.CrisisPlan));
        Assert.Single(readers);
        Assert.Contains("(staff) can see this until the end of", readers[0]);
        var wellbeing = await app.WithServicesAsync(sp => sp.GetRequiredService<LivingBetter.Web.Features.Sharing.SharingSummary>()
            .ReadersAsync(person.PersonId!.Value, SharedPart.WellbeingPlan));
        Assert.Equal("Test Community Team (your care team) can see and suggest changes to this until you stop sharing.", Assert.Single(wellbeing));
        var checkIns = await app.WithServicesAsync(sp => sp.GetRequiredService<LivingBetter.Web.Features.Sharing.SharingSummary>()
            .ReadersAsync(person.PersonId!.Value, SharedPart.CheckIns));
        Assert.Equal("Only you can see this.", Assert.Single(checkIns));

        var staffClient = await app.SignInAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.GetAsync($"/people/{person.PersonId}")).StatusCode);
        var people = await staffClient.GetPageAsync("/people");
        Assert.Contains("Robin Ash", people.MainText());
        Assert.Contains("whole staying-well plan", people.MainText());

        // Past the end date the named grant stops by itself; the team grant carries on.
        app.Time.Advance(TimeSpan.FromDays(3));
        var after = await app.WithServicesAsync(sp => sp.GetRequiredService<LivingBetter.Web.Features.Sharing.SharingSummary>()
            .ReadersAsync(person.PersonId!.Value, SharedPart.CrisisPlan));
        Assert.Equal("Only you can see this.", Assert.Single(after));
        staffClient = await app.SignInAsync(staff);
        Assert.DoesNotContain("whole staying-well plan", (await staffClient.GetPageAsync("/people")).MainText());
        Assert.Contains("wellbeing plan", (await staffClient.GetPageAsync("/people")).MainText());
    }

    [Fact]
    public async Task RemovingSupporter_AfterConfirmation_EndsLinkAndStopsAllTheirSharing()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Kit Fern");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value, "Lee Fern", "brother");
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CrisisPlan);
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CheckIns);
        var linkId = await app.SupporterLinkIdAsync(person.PersonId!.Value, supporter.UserId);
        var kit = await app.SignInAsync(person);
        var lee = await app.SignInAsync(supporter);
        Assert.Equal(HttpStatusCode.OK, (await lee.GetAsync($"/people/{person.PersonId}")).StatusCode);

        var confirm = await kit.GetPageAsync($"/sharing/supporters/{linkId}/remove");
        Assert.Contains("Remove Lee Fern as a supporter?", confirm.MainText());
        var removed = await kit.SubmitFormAsync($"/sharing/supporters/{linkId}/remove", new Dictionary<string, string>());
        Assert.Equal("/sharing?done=removed", removed.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"/people/{person.PersonId}")).StatusCode);
        Assert.Contains("not supporting anyone", (await lee.GetPageAsync("/supporting")).MainText());
        Assert.Equal(0, await app.WithDbAsync(db => db.SharingGrants.CountAsync(g => g.PersonId == person.PersonId && g.WithdrawnAt == null)));
    }
}
