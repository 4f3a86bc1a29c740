using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class SelfAssessmentTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Index = "/organisation-planning/self-assessment";

    private static async Task<string> StartRoundAsync(HttpClient admin, string scope, string date)
    {
        var response = await admin.SubmitFormAsync(Index, Fields(("Input.Scope", scope), ("Input.HeldOn", date)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task RepeatedSelfAssessment_SecondRoundRatedHigher_ProgressShowsChangeAndCarriesGoalsForward()
    {
        var org = await app.CreatePlanningOrgAsync();
        var first = await StartRoundAsync(org.Admin, "organisation", "2026-05-20");
        var saved = await org.Admin.SubmitFormAsync(first + "/challenges/8", Fields(
            ("Input.Rating", "2"), ("Input.Evidence", "Two teams have peer support workers."),
            ("Input.GoalsForChange", "A peer support worker in every community team."), ("Input.ProgressIndicators", "Posts filled, by team.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var second = await StartRoundAsync(org.Admin, "organisation", "2026-11-20");
        var challenge = await org.Admin.GetPageAsync(second + "/challenges/8");
        Assert.Equal("A peer support worker in every community team.", challenge.QuerySelector("#Input_GoalsForChange")?.TextContent);
        Assert.Equal("", challenge.QuerySelector("#Input_Evidence")?.TextContent);
        await org.Admin.SubmitFormAsync(second + "/challenges/8", Fields(("Input.Rating", "4"), ("Input.Evidence", "Every community team now has one.")));

        var round = await org.Admin.GetPageAsync(second);
        Assert.Contains("4 – Embedded", round.MainText());
        Assert.Contains("2 – Early steps", round.MainText());
        Assert.Contains("No team results yet", round.MainText());

        var progress = await org.Admin.GetPageAsync(Index + "/progress");
        var chart = progress.QuerySelector("svg[role=img]");
        Assert.NotNull(chart);
        Assert.Contains("Challenge 8: 20 May 2026 2, 20 November 2026 4", chart!.QuerySelector("desc")!.TextContent);
        var row = progress.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("8. A workforce that includes lived experience"));
        Assert.Contains("Up 2", row.TextContent);
    }

    [Fact]
    public async Task MarkComplete_WithChallengesUnrated_SaysHowManyAndStaysInProgress()
    {
        var org = await app.CreatePlanningOrgAsync();
        var round = await StartRoundAsync(org.Admin, org.DivisionId.ToString(), "2026-11-01");
        await org.Admin.SubmitFormAsync(round + "/challenges/1", Fields(("Input.Rating", "3")));

        var response = await org.Admin.SubmitFormAsync(round, Fields(), "Complete");
        var page = await Forms.ParseAsync(response);

        Assert.Contains("Rate every challenge before marking the self-assessment complete: 9 are not rated yet", page.ErrorSummary());
        Assert.Contains("In progress", (await org.Admin.GetPageAsync(round)).MainText());
        Assert.Contains("Adult Mental Health Services", (await org.Admin.GetPageAsync(round)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task CompletedRound_IsLockedUntilReopened()
    {
        var org = await app.CreatePlanningOrgAsync();
        var round = await StartRoundAsync(org.Admin, "organisation", "2026-11-01");
        for (var key = 1; key <= 10; key++)
        {
            await org.Admin.SubmitFormAsync($"{round}/challenges/{key}", Fields(("Input.Rating", "2")));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(round, Fields(), "Complete")).StatusCode);

        var refused = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(round + "/challenges/3", Fields(("Input.Rating", "4"))));
        Assert.Contains("This self-assessment is complete. Reopen it before changing a rating", refused.ErrorSummary());
        Assert.Contains("Completed", (await org.Admin.GetPageAsync(round)).MainText());
    }

    [Theory]
    [InlineData("9", "Rating must be between 1 and 4")]
    [InlineData("", "Choose a rating for this challenge")]
    [InlineData("lots", "Enter a valid rating")]
    public async Task ChallengeForm_BadRating_ClearMessageAndNothingSaved(string rating, string message)
    {
        var org = await app.CreatePlanningOrgAsync();
        var round = await StartRoundAsync(org.Admin, "organisation", "2026-11-01");

        var response = await org.Admin.SubmitFormAsync(round + "/challenges/2", Fields(("Input.Rating", rating), ("Input.Evidence", "Some evidence")));
        var page = await Forms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError("Input_Rating"));
        var stored = await app.WithDbAsync(db => db.Set<ChallengeRating>().Where(c => c.Round!.OrganisationId == org.OrganisationId && c.ChallengeKey == 2).SingleAsync());
        Assert.Null(stored.Rating);
        Assert.Equal("", stored.Evidence);
    }

    [Fact]
    public async Task StartForm_BadDateAndOtherOrganisationsDivision_ClearMessagesAndNoRound()
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Index, Fields(("Input.Scope", other.DivisionId.ToString()), ("Input.HeldOn", "31/02/2026"))));

        Assert.Equal("Choose the whole organisation or one of its divisions", page.FieldError("Input_Scope"));
        Assert.Equal("Date of the self-assessment must be a real date, like 24/11/2026", page.FieldError("Input_HeldOn"));
        Assert.False(await app.WithDbAsync(db => db.Set<SelfAssessmentRound>().AnyAsync(r => r.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task AnotherOrganisationsAdmin_OpensRound_NotFound()
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();
        var round = await StartRoundAsync(org.Admin, "organisation", "2026-11-01");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync(round)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync(round + "/challenges/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync(round + "/challenges/11")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync(Index + "/progress?division=" + org.DivisionId)).StatusCode);
    }
}
