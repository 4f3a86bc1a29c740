using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Teams;

public sealed class TeamPlanTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task Benchmarking_StaffAndPeopleRate_CollatedViewShowsBothSidesAndAgreedRating()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await t.StaffClient.RateAllAsync(t, 1, _ => "4", "We try hard here")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await t.LeadClient.RateAllAsync(t, 1, _ => "5")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await t.PersonClient.RateAllAsync(t, 1, _ => "2", "Not how it feels to me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await t.Person2Client.RateAllAsync(t, 1, i => i == 0 ? "3" : "2")).StatusCode);

        var round = await t.PersonClient.GetPageAsync($"{t.Base}/rounds/1");
        var text = round.MainText();
        Assert.Contains("4 people have rated", text);
        var first = round.QuerySelector("[id^=statement-] table")!;
        var header = first.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Rating", "Staff", "People using the service"], header);
        // Spread, not only the mean: the counts per score and the range for each side.
        var rows = first.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th,td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["2", "–", "1"], rows[1]);
        Assert.Equal(["3", "–", "1"], rows[2]);
        Assert.Equal(["4", "1", "–"], rows[3]);
        Assert.Equal(["5", "1", "–"], rows[4]);
        Assert.Equal(["Lowest to highest", "4 to 5", "2 to 3"], rows[5]);
        Assert.Contains("Not how it feels to me", text);

        var statementId = (await t.StatementIdsAsync(1))[0];
        var agreeUrl = $"{t.Base}/rounds/1/agree/{statementId}";
        var saved = await t.LeadClient.SubmitFormAsync(agreeUrl, new Dictionary<string, string>
        {
            ["Input.Score"] = "3",
            ["Input.DiscussionNotes"] = "Staff think we do this; people using the service mostly do not feel it yet.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = (await t.StaffClient.GetPageAsync($"{t.Base}/rounds/1")).MainText();
        Assert.Contains("3 out of 5", after);
        Assert.Contains("people using the service mostly do not feel it yet", after);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("abc")]
    public async Task Rating_OutsideOneToFive_ClearMessageAndNothingSaved(string bad)
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();

        var response = await t.PersonClient.RateAllAsync(t, 1, i => i == 2 ? bad : "3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Rating for statement 3 must be a number from 1 to 5", page.ErrorSummary());
        Assert.Equal("Rating for statement 3 must be a number from 1 to 5", page.FieldError("Input_Ratings_2__Score"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<BenchmarkRating>().CountAsync(r => r.UserId == t.Person.UserId)));
    }

    [Fact]
    public async Task AgreedRating_OutsideOneToFive_IsRefused()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();
        var statementId = (await t.StatementIdsAsync(1))[0];

        var response = await t.LeadClient.SubmitFormAsync($"{t.Base}/rounds/1/agree/{statementId}", new Dictionary<string, string> { ["Input.Score"] = "9" });

        var page = await Forms.ParseAsync(response);
        Assert.Contains("The agreed rating must be a number from 1 to 5", page.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AgreedRating>().CountAsync(a => a.StatementId == statementId && db.Set<BenchmarkRound>().Any(r => r.Id == a.RoundId && r.TeamPlan!.TeamId == t.TeamId))));
    }

    [Fact]
    public async Task Action_WithOnlyStaffLeads_RefusedWithClearMessageAndNothingSaved()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();

        var response = await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, []), [t.Lead.UserId, t.Staff.UserId]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Choose at least one person using the service as a joint lead, as well as staff", page.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<TeamAction>().CountAsync(a => db.Set<TeamPlan>().Any(p => p.Id == a.TeamPlanId && p.TeamId == t.TeamId))));
    }

    [Fact]
    public async Task Action_WithNoLeadsAndDateInPast_BothProblemsNamed()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();

        var response = await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, [], due: "2020-01-01"), []);

        var errors = (await Forms.ParseAsync(response)).ErrorSummary();
        Assert.Contains("Choose at least one member of staff and one person using the service as joint leads", errors);
        Assert.Contains("Done by must be today or in the future", errors);
    }

    [Fact]
    public async Task Action_JointlyLed_IsSavedAndShownWithBothLeads()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();

        var response = await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, []), [t.Staff.UserId, t.Person.UserId]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = (await t.PersonClient.GetPageAsync(t.Base)).MainText();
        Assert.Contains("Hold a monthly recovery café", page);
        Assert.Contains("Robin Using (Person using the service)", page);
    }

    [Fact]
    public async Task Action_PastDueAndOpen_IsFlaggedOverdue()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        var due = app.Time.GetUtcNow().AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, [], due), [t.Staff.UserId, t.Person.UserId]);
        Assert.DoesNotContain("Overdue", (await t.StaffClient.GetPageAsync(t.Base)).MainText());

        // Time passes without the action being done: moving its date stands in for months going by.
        await app.WithDbAsync(db => db.Set<TeamAction>().Where(a => db.Set<TeamPlan>().Any(p => p.Id == a.TeamPlanId && p.TeamId == t.TeamId))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.DueDate, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(-1))));

        var text = (await t.StaffClient.GetPageAsync(t.Base)).MainText();
        Assert.Contains("1 action is overdue", text);
    }

    [Fact]
    public async Task TeamPlan_OutsidersAndOtherTeams_Get404_AdminOfTheOrganisationSeesIt()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        var (otherOrg, otherTeam) = await app.CreateOrganisationAsync();
        var otherStaff = await app.SignInAsync(await app.CreateStaffAsync(otherOrg, otherTeam, Roles.TeamLead));
        var otherAdmin = await app.SignInAsync(await app.CreateStaffAsync(otherOrg, null, Roles.OrgAdmin));
        var stranger = await app.SignInAsNewPersonAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(t.OrganisationId, null, Roles.OrgAdmin));

        foreach (var client in new[] { otherStaff, otherAdmin, stranger })
        {
            foreach (var path in new[] { "", "/members", "/rounds/1", "/actions/new", "/print", "/plan.pdf", "/assets", "/profiles" })
            {
                var response = await client.GetAsync(t.Base + path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("Test Community Team", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(t.Base)).StatusCode);
        Assert.DoesNotContain(t.Base, (await stranger.GetPageAsync("/teams")).Body!.InnerHtml);
    }

    [Fact]
    public async Task Members_NonLeadTriesToManage_Gets404AndNothingChanges()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();

        var open = await t.PersonClient.PostWithTokenAsync(t.Base, t.Base + "?handler=OpenRound", new Dictionary<string, string>());
        var add = await t.StaffClient.PostWithTokenAsync(t.Base + "/members", t.Base + "/members",
            new Dictionary<string, string> { ["Input.Email"] = t.Person.Email, ["Input.Role"] = "TeamLead" });

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<BenchmarkRound>().CountAsync(r => r.TeamPlan!.TeamId == t.TeamId)));
    }

    [Fact]
    public async Task Members_LeadAddsPersonByEmail_TheyCanSeeAndRate_UnknownEmailExplained()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();
        var newcomer = await app.CreatePersonAsync("Sasha New");
        var newcomerClient = await app.SignInAsync(newcomer);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomerClient.GetAsync(t.Base)).StatusCode);

        var unknown = await t.LeadClient.SubmitFormAsync(t.Base + "/members", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Role"] = "PersonUsingService" });
        Assert.Contains("Email address: there is no LivingBetter account with this email address. Ask them to create an account first",
            (await Forms.ParseAsync(unknown)).ErrorSummary());
        var asStaff = await t.LeadClient.SubmitFormAsync(t.Base + "/members", new Dictionary<string, string> { ["Input.Email"] = newcomer.Email, ["Input.Role"] = "Staff" });
        Assert.Contains("Email address: only staff of this organisation can join as staff or team lead", (await Forms.ParseAsync(asStaff)).ErrorSummary());

        var added = await t.LeadClient.SubmitFormAsync(t.Base + "/members", new Dictionary<string, string> { ["Input.Email"] = newcomer.Email, ["Input.Role"] = "PersonUsingService" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.Contains("Rate the statements for round 1", (await newcomerClient.GetPageAsync(t.Base)).MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await newcomerClient.RateAllAsync(t, 1, _ => "3")).StatusCode);
        var perspective = await app.WithDbAsync(db => db.Set<BenchmarkRating>().Where(r => r.UserId == newcomer.UserId).Select(r => r.Perspective).Distinct().ToListAsync());
        Assert.Equal([Perspective.PersonUsingService], perspective);
    }
}
