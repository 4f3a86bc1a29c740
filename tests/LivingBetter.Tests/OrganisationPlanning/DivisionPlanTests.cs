using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class DivisionPlanTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static Dictionary<string, string> Action(string due, string specific = "Offer every new person a wellbeing plan at their first meeting") => Fields(
        ("Input.Specific", specific), ("Input.Measure", "Share of first meetings with a plan started, from the monthly audit"),
        ("Input.Owner", "Head of community services"), ("Input.DueOn", due), ("Input.Status", "NotStarted"));

    // Tests in this class share one app and its fake clock, which some move on: dates are relative to it.
    private string InDays(int days) => app.Time.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task DivisionLead_WritesPlanAndAddsAction_PlanShowsAnalysisAndActionLaterOverdue()
    {
        var org = await app.CreatePlanningOrgAsync();
        var division = $"/organisation-planning/divisions/{org.DivisionId}";

        var saved = await org.Admin.SubmitFormAsync(division + "/plan", Fields(
            ("Input.WellbeingMeaning", "Living well in the community, in the person's own terms."),
            ("Input.Stakeholders", "Carers' forum; the service user network; housing partners."),
            ("Input.PeopleAndCarers", "People want more say in reviews.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var added = await org.Admin.SubmitFormAsync(division + "/actions/add", Action(InDays(60)));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await org.Admin.GetPageAsync(division);
        Assert.Contains("Carers' forum; the service user network; housing partners.", page.MainText());
        Assert.Contains("4.3 People who use our services and their carers", page.MainText());
        Assert.Contains("People want more say in reviews.", page.MainText());
        Assert.Contains("Offer every new person a wellbeing plan at their first meeting", page.MainText());
        Assert.DoesNotContain("Overdue", page.MainText());

        app.Time.Advance(TimeSpan.FromDays(90));
        var admin = await org.SignInAgainAsync(app);
        page = await admin.GetPageAsync(division);
        Assert.Contains("Overdue", page.QuerySelector("tbody")!.TextContent);
        var list = await admin.GetPageAsync("/organisation-planning/divisions");
        Assert.Contains("1 overdue", list.MainText());
    }

    [Theory]
    [InlineData("TODAY", "Due date must be in the future")]
    [InlineData("LAST YEAR", "Due date must be in the future")]
    [InlineData("next week", "Due date must be a real date, like 24/11/2026")]
    [InlineData("", "Enter the due date")]
    public async Task AddAction_DueDateNotInFuture_ClearMessageAndNothingSaved(string due, string message)
    {
        var org = await app.CreatePlanningOrgAsync();
        due = due switch { "TODAY" => InDays(0), "LAST YEAR" => InDays(-365), _ => due };

        var response = await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/actions/add", Action(due));
        var page = await Forms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError("Input_DueOn"));
        Assert.False(await app.WithDbAsync(db => db.Set<SmartAction>().AnyAsync(a => a.Plan!.OrganisationId == org.OrganisationId)));
        Assert.False(await app.WithDbAsync(db => db.Set<DivisionActionPlan>().AnyAsync(p => p.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task AddAction_MissingFieldsAndJunkStatus_EveryFieldNamed()
    {
        var org = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/actions/add",
            Fields(("Input.Specific", " "), ("Input.Measure", ""), ("Input.Owner", new string('x', 201)), ("Input.DueOn", InDays(60)), ("Input.Status", "Finished!"))));

        Assert.Equal("Enter what exactly will be done", page.FieldError("Input_Specific"));
        Assert.Equal("Enter how you will measure it", page.FieldError("Input_Measure"));
        Assert.Equal("Owner must be 200 characters or fewer", page.FieldError("Input_Owner"));
        Assert.Equal("Enter a valid status", page.FieldError("Input_Status"));
    }

    [Fact]
    public async Task OverdueAction_UpdatedKeepingItsDate_SavesProgress()
    {
        var org = await app.CreatePlanningOrgAsync();
        var due = InDays(7);
        var added = await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/actions/add", Action(due));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        app.Time.Advance(TimeSpan.FromDays(30));
        var admin = await org.SignInAgainAsync(app);
        var actionId = await app.WithDbAsync(db => db.Set<SmartAction>().Where(a => a.Plan!.OrganisationId == org.OrganisationId).Select(a => a.Id).SingleAsync());
        var url = $"/organisation-planning/divisions/{org.DivisionId}/actions/{actionId}";

        var form = Action(due);
        form["Input.Status"] = "Done";
        form["Input.ProgressNotes"] = "Finished a week late.";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, form)).StatusCode);
        var page = await admin.GetPageAsync($"/organisation-planning/divisions/{org.DivisionId}");
        Assert.Contains("Done", page.QuerySelector("tbody")!.TextContent);
        Assert.DoesNotContain("Overdue", page.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task DeleteAction_AfterConfirmation_RemovedFromPlan()
    {
        var org = await app.CreatePlanningOrgAsync();
        await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/actions/add", Action(InDays(60), "Run a co-produced workshop"));
        var actionId = await app.WithDbAsync(db => db.Set<SmartAction>().Where(a => a.Plan!.OrganisationId == org.OrganisationId).Select(a => a.Id).SingleAsync());
        var delete = $"/organisation-planning/divisions/{org.DivisionId}/actions/{actionId}/delete";

        Assert.Contains("Delete this SMART action?", (await org.Admin.GetPageAsync(delete)).MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(delete, Fields())).StatusCode);

        Assert.DoesNotContain("Run a co-produced workshop", (await org.Admin.GetPageAsync($"/organisation-planning/divisions/{org.DivisionId}")).MainText());
    }

    [Fact]
    public async Task PlanSavedByAnotherAdminMeanwhile_StaleSave_RefusedAndOtherWordsKept()
    {
        var org = await app.CreatePlanningOrgAsync();
        var url = $"/organisation-planning/divisions/{org.DivisionId}/plan";
        await org.Admin.SubmitFormAsync(url, Fields(("Input.Resources", "First words.")));
        var secondAdmin = await app.SignInAsync(await app.CreateStaffAsync(org.OrganisationId, null, Roles.OrgAdmin, JobRole.Manager));
        var staleForm = await secondAdmin.GetPageAsync(url);
        var staleVersion = staleForm.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        await org.Admin.SubmitFormAsync(url, Fields(("Input.Resources", "Newer words from the first admin.")));

        var response = await secondAdmin.PostWithTokenAsync(url, url, Fields(("Input.Resources", "Stale words."), ("Input.Version", staleVersion)));
        var page = await Forms.ParseAsync(response);

        Assert.Contains(page.ErrorSummary(), e => e.StartsWith("Someone else saved this plan", StringComparison.Ordinal));
        Assert.Equal("Stale words.", page.QuerySelector("#Input_Resources")!.TextContent);
        var stored = await app.WithDbAsync(db => db.Set<DivisionActionPlan>().Where(p => p.DivisionId == org.DivisionId).Select(p => p.Resources).SingleAsync());
        Assert.Equal("Newer words from the first admin.", stored);
    }

    [Fact]
    public async Task PlanForm_TooLong_ClearMessageNothingSaved()
    {
        var org = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync($"/organisation-planning/divisions/{org.DivisionId}/plan",
            Fields(("Input.WellbeingMeaning", "Fine."), ("Input.OtherBarriers", new string('a', 4001)))));

        Assert.Equal("4.5 Other barriers must be 4000 characters or fewer", page.FieldError("Input_OtherBarriers"));
        Assert.False(await app.WithDbAsync(db => db.Set<DivisionActionPlan>().AnyAsync(p => p.DivisionId == org.DivisionId)));
    }

    [Fact]
    public async Task AnotherOrganisationsDivision_NotFound()
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/organisation-planning/divisions/{other.DivisionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/organisation-planning/divisions/{other.DivisionId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/organisation-planning/divisions/{other.DivisionId}/actions/add")).StatusCode);
    }
}
