using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

/// <summary>The demo organisation, tried as a board member and a division lead would.</summary>
public sealed class DemoOrganisationPlanningTests : IClassFixture<DemoOrganisationApp>
{
    private readonly LivingBetterApp _app;

    public DemoOrganisationPlanningTests(DemoOrganisationApp app)
    {
        _app = app;
    }

    private async Task<HttpClient> SignInAsDemoAdminAsync()
    {
        var client = _app.NewClient();
        await _app.SignInAsync(client, DemoAccounts.Admin.Email, DemoAccounts.Password, DemoAccounts.Admin.AuthenticatorKey);
        return client;
    }

    [Fact]
    public async Task SelfAssessment_InDemo_ShowsTeamsAgreedBenchmarkingBesideEachChallenge()
    {
        var admin = await SignInAsDemoAdminAsync();
        var index = await admin.GetPageAsync("/organisation-planning/self-assessment");
        var roundLink = index.QuerySelectorAll("main a")
            .Select(a => a.GetAttribute("href") ?? "")
            .First(h => System.Text.RegularExpressions.Regex.IsMatch(h, "^/organisation-planning/self-assessment/[0-9a-f-]{36}$"));

        var round = await admin.GetPageAsync(roundLink);

        // The demo team plan has agreed ratings in two rounds; the latest feeds the self-assessment.
        Assert.Contains("agreed ratings on this in team benchmarking", round.MainText());
        Assert.DoesNotContain("Not yet available", round.MainText());
    }

    [Fact]
    public async Task BoardMember_ReadsDemo_SeesProgressPhaseAndOverdueAction()
    {
        var admin = await SignInAsDemoAdminAsync();

        var progress = await admin.GetPageAsync("/organisation-planning/self-assessment/progress");
        // The other test here may add a later round; the demo's own two come first.
        var first = progress.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["2", "3"], first.Take(2));
        Assert.NotNull(progress.QuerySelector("svg[role=img] title"));

        var board = await admin.GetPageAsync("/organisation-planning/board");
        Assert.Contains("Mobilise", board.MainText());
        Assert.Contains("Every community team offers a wellbeing plan at the first meeting", board.QuerySelectorAll("table")[^1].TextContent);

        var mir = await admin.GetPageAsync("/organisation-planning/making-it-real");
        Assert.Contains("Margaret Doyle (Carer)", mir.MainText());
        Assert.Contains("Compared with", mir.MainText());

        var workforce = await admin.GetPageAsync("/organisation-planning/peer-workforce");
        Assert.Contains("Jo Adeyemi", workforce.MainText());
    }

    [Fact]
    public async Task DivisionLead_RepeatsSelfAssessmentAndAddsAction_InDemo()
    {
        var admin = await SignInAsDemoAdminAsync();
        var divisions = await admin.GetPageAsync("/organisation-planning/divisions");
        var adult = divisions.QuerySelectorAll("tbody th a").Single(a => a.TextContent == "Adult Mental Health Services").GetAttribute("href")!;

        var added = await admin.SubmitFormAsync(adult + "/actions/add", Fields(("Input.Specific", "Peer worker joins every first review on request"),
            ("Input.Measure", "Requests met"), ("Input.Owner", "Peer support lead"), ("Input.DueOn", _app.Time.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Status", "NotStarted")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Peer worker joins every first review on request", (await admin.GetPageAsync(adult)).MainText());

        var start = await admin.SubmitFormAsync("/organisation-planning/self-assessment", Fields(("Input.Scope", "organisation"), ("Input.HeldOn", _app.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var round = await admin.GetPageAsync(start.Headers.Location!.OriginalString);
        Assert.Contains("3 – Well under way", round.MainText());
    }
}
