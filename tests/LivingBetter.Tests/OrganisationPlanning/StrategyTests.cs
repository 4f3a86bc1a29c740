using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class StrategyTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Strategy = "/organisation-planning/strategy";

    private string InDays(int days) => app.Time.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task NewStrategy_HasNoTasksUntilAsked_ThenSuggestedTasksInEveryPhase()
    {
        var org = await app.CreatePlanningOrgAsync();
        var empty = await org.Admin.GetPageAsync(Strategy);
        Assert.Contains("There are no strategy tasks yet", empty.MainText());

        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(Strategy, Fields(), "Suggested")).StatusCode);

        var page = await org.Admin.GetPageAsync(Strategy);
        Assert.Contains("Set up a programme board and project plan to oversee the strategy", page.MainText());
        Assert.Contains("Build a central staff learning programme around the strategy's aims", page.MainText());
        Assert.Contains("Map external partners by locality and by division", page.MainText());
        Assert.DoesNotContain("Start from the suggested tasks", page.MainText());
        // Pressing the button twice (say, from an old tab) must not double the list.
        var again = await org.Admin.PostWithTokenAsync(Strategy, Strategy + "?handler=Suggested", Fields());
        Assert.Contains("The suggested tasks can only be added to an empty strategy. Add further tasks one at a time", (await Forms.ParseAsync(again)).ErrorSummary());
        Assert.Equal(13, await app.WithDbAsync(db => db.Set<StrategyTask>().CountAsync(t => t.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task Phase_SetToMobilise_ShownAsCurrentOnStrategyAndBoard()
    {
        var org = await app.CreatePlanningOrgAsync();

        await org.Admin.SubmitFormAsync(Strategy, Fields(("Input.Phase", "Mobilise")), "Phase");

        Assert.Contains("Mobilise: getting ready to change (current phase)", (await org.Admin.GetPageAsync(Strategy)).MainText());
        Assert.Contains("The strategy is in the Mobilise: getting ready to change phase.", (await org.Admin.GetPageAsync("/organisation-planning/board")).MainText());
    }

    [Fact]
    public async Task TaskForm_BadInput_ClearMessagesAndNothingSaved()
    {
        var org = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Strategy + "/tasks/add",
            Fields(("Input.Phase", "Launch"), ("Input.Title", ""), ("Input.DueOn", "soon"), ("Input.Status", "Done"))));

        Assert.Equal("Enter a valid phase", page.FieldError("Input_Phase"));
        Assert.Equal("Enter the task", page.FieldError("Input_Title"));
        Assert.Equal("Due date must be a real date, like 24/11/2026", page.FieldError("Input_DueOn"));
        Assert.False(await app.WithDbAsync(db => db.Set<StrategyTask>().AnyAsync(t => t.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task Board_TasksAndActions_CountsByStatusAndOverdueListed()
    {
        var org = await app.CreatePlanningOrgAsync();
        await org.Admin.SubmitFormAsync(Strategy + "/tasks/add", Fields(("Input.Phase", "Activate"), ("Input.Title", "Agree the programme board's terms"),
            ("Input.Owner", "Chief executive"), ("Input.DueOn", InDays(-10)), ("Input.Status", "InProgress")));
        await org.Admin.SubmitFormAsync(Strategy + "/tasks/add", Fields(("Input.Phase", "Activate"), ("Input.Title", "Launch event"),
            ("Input.Owner", "Communications lead"), ("Input.DueOn", InDays(-20)), ("Input.Status", "Done")));
        await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/actions/add", Fields(("Input.Specific", "Train every team in shared decisions about risk"),
            ("Input.Measure", "Teams trained"), ("Input.Owner", "Practice educator"), ("Input.DueOn", InDays(5)), ("Input.Status", "NotStarted")));
        app.Time.Advance(TimeSpan.FromDays(6));
        var admin = await org.SignInAgainAsync(app);

        var board = await admin.GetPageAsync("/organisation-planning/board");

        var activate = board.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Activate");
        Assert.Equal(["0", "1", "0", "1", "1"], activate.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var division = board.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Adult Mental Health Services");
        Assert.Equal(["1", "0", "0", "0", "1"], division.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var overdue = board.QuerySelectorAll("table")[2].TextContent;
        Assert.Contains("Agree the programme board's terms", overdue);
        Assert.Contains("Train every team in shared decisions about risk", overdue);
        Assert.DoesNotContain("Launch event", overdue);
    }

    [Fact]
    public async Task DeleteTask_AskedTwice_ThenGone()
    {
        var org = await app.CreatePlanningOrgAsync();
        await org.Admin.SubmitFormAsync(Strategy + "/tasks/add", Fields(("Input.Phase", "Execute"), ("Input.Title", "Map partners"), ("Input.Status", "NotStarted")));
        var id = await app.WithDbAsync(db => db.Set<StrategyTask>().Where(t => t.OrganisationId == org.OrganisationId).Select(t => t.Id).SingleAsync());
        var url = $"{Strategy}/tasks/{id}";

        var confirm = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(url, Fields(), "Delete"));
        Assert.Contains("Delete this task?", confirm.MainText());
        Assert.True(await app.WithDbAsync(db => db.Set<StrategyTask>().AnyAsync(t => t.Id == id)));

        await org.Admin.PostWithTokenAsync(url, url + "?handler=Delete", Fields(("confirmed", "true")));
        Assert.False(await app.WithDbAsync(db => db.Set<StrategyTask>().AnyAsync(t => t.Id == id)));
    }
}
