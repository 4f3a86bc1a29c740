using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Teams;

/// <summary>The "done when": set up, rate, agree, prioritise, act jointly, review, and a second round that shows progress.</summary>
public sealed class TeamPlanCycleTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task WholeCycle_SecondRoundAfterAnnualReview_ShowsProgressAgainstTheFirst()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync(2026);
        await t.OpenRoundAsync();
        await t.StaffClient.RateAllAsync(t, 1, _ => "3");
        await t.PersonClient.RateAllAsync(t, 1, _ => "2");
        var statements = await t.StatementIdsAsync(1);
        foreach (var id in statements.Take(2))
        {
            var agreed = await t.LeadClient.SubmitFormAsync($"{t.Base}/rounds/1/agree/{id}", new Dictionary<string, string> { ["Input.Score"] = "2", ["Input.DiscussionNotes"] = "A start" });
            Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        }

        var priority = await t.LeadClient.SubmitFormAsync($"{t.Base}/priorities", new Dictionary<string, string>
        {
            ["Input.Title"] = "Talk as equals every day",
            ["Input.Kind"] = "QuickWin",
            ["Input.StatementId"] = statements[0].ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, priority.StatusCode);
        var priorities = (await t.PersonClient.GetPageAsync($"{t.Base}/priorities")).MainText();
        Assert.Contains("Quick wins", priorities);
        Assert.Contains("Talk as equals every day", priorities);

        var action = await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, []), [t.Staff.UserId, t.Person.UserId]);
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        var actionId = await app.WithDbAsync(db => db.Set<TeamAction>().Where(a => db.Set<TeamPlan>().Any(p => p.Id == a.TeamPlanId && p.TeamId == t.TeamId)).Select(a => a.Id).SingleAsync());

        // A person using the service, as a joint lead, reports progress.
        var update = await t.PersonClient.SubmitFormAsync($"{t.Base}/actions/{actionId}", new Dictionary<string, string> { ["Input.Text"] = "First café held, 9 came", ["Input.Status"] = "InProgress" });
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);

        // A review without anyone using the service is refused; with them it is saved and the action is updated.
        var noPeople = await t.LeadClient.SubmitFormAsync($"{t.Base}/reviews/new", new Dictionary<string, string> { ["Input.Date"] = "2026-11-20", ["Input.Notes"] = "Staff only" });
        Assert.Contains("Choose at least one person using the service who came: reviews include people using the service", (await Forms.ParseAsync(noPeople)).ErrorSummary());
        var review = await PostWithListAsync(t.LeadClient, $"{t.Base}/reviews/new", new()
        {
            ["Input.Date"] = "2026-11-20",
            ["Input.Notes"] = "Café going well; need a bigger room.",
            ["Input.Actions[0].ActionId"] = actionId.ToString(),
            ["Input.Actions[0].Status"] = "Done",
            ["Input.Actions[0].Text"] = "Three cafés held",
        }, "Input.AttendeeUserIds", [t.Lead.UserId, t.Person.UserId, t.Person2.UserId]);
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReviewMeeting>().CountAsync(m => m.Notes == "Staff only")));
        var teamPage = (await t.Person2Client.GetPageAsync(t.Base)).MainText();
        Assert.Contains("Café going well; need a bigger room.", teamPage);
        Assert.Contains("Robin Using (Person using the service)", teamPage);

        // The annual review celebrates and starts next year's plan with round 2, compared with round 1.
        var annualPage = (await t.LeadClient.GetPageAsync($"{t.Base}/annual-review")).MainText();
        Assert.Contains("Hold a monthly recovery café", annualPage);
        var annual = await PostWithListAsync(t.LeadClient, $"{t.Base}/annual-review", new()
        {
            ["Input.Date"] = "2026-11-23",
            ["Input.Notes"] = "We are proud of the café.",
            ["Input.NextYear"] = "2027",
        }, "Input.AttendeeUserIds", [t.Lead.UserId, t.Person.UserId]);
        Assert.Equal(HttpStatusCode.Redirect, annual.StatusCode);
        Assert.Contains("Rate the statements for round 2", (await t.PersonClient.GetPageAsync(t.Base)).MainText());

        await t.StaffClient.RateAllAsync(t, 2, _ => "4");
        await t.PersonClient.RateAllAsync(t, 2, _ => "4");
        var statements2 = await t.StatementIdsAsync(2);
        await t.LeadClient.SubmitFormAsync($"{t.Base}/rounds/2/agree/{statements2[0]}", new Dictionary<string, string> { ["Input.Score"] = "4" });

        var round2 = await t.PersonClient.GetPageAsync($"{t.Base}/rounds/2");
        var table = round2.QuerySelector("table")!;
        Assert.Contains("compared with round 1", table.QuerySelector("caption")!.TextContent);
        var firstTheme = table.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("th,td").Select(c => c.TextContent.Trim()).ToList();
        // Theme 1: round 1 had agreed 2, 2 and a median of 2.5 for the third; round 2 has 4 agreed and 4s: progress shows as "up".
        Assert.Equal("Everyday relationships and hope", firstTheme[0]);
        Assert.Equal("2.2", firstTheme[1]);
        Assert.Equal("4.0", firstTheme[2]);
        Assert.Equal("up 1.8", firstTheme[3]);
        Assert.NotNull(round2.QuerySelector("svg[role=img] title"));
        Assert.Contains("Last round: 2. Up 2 since then.", round2.MainText());
    }

    private static async Task<HttpResponseMessage> PostWithListAsync(HttpClient client, string url, Dictionary<string, string> fields, string listName, IEnumerable<Guid> list)
    {
        var page = await client.GetPageAsync(url);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = fields.ToList();
        values.AddRange(list.Select(id => new KeyValuePair<string, string>(listName, id.ToString())));
        values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
