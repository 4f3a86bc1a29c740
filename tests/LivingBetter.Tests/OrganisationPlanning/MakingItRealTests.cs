using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class MakingItRealTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Home = "/organisation-planning/making-it-real";

    /// <summary>Every statement's fields, as a browser sends them, with the given ones filled in.</summary>
    private static Dictionary<string, string> Check(string heldOn, params (string Key, string Value)[] filled)
    {
        var fields = new Dictionary<string, string> { ["Input.HeldOn"] = heldOn };
        for (var i = 0; i < 19; i++)
        {
            fields[$"Input.Ratings[{i}].Rating"] = "";
            fields[$"Input.Ratings[{i}].Evidence"] = "";
        }
        foreach (var (key, value) in filled)
        {
            fields[key] = value;
        }
        return fields;
    }

    [Fact]
    public async Task RepeatedCheck_ShowsNowAgainstLastTime()
    {
        var org = await app.CreatePlanningOrgAsync();
        await org.Admin.SubmitFormAsync(Home + "/ratings/new", Check("2026-05-01",
            ("Input.Ratings[3].Rating", "1"), ("Input.Ratings[3].Evidence", "Leaflets did not make sense to people new to services.")));
        var second = await org.Admin.SubmitFormAsync(Home + "/ratings/new", Check("2026-11-01", ("Input.Ratings[3].Rating", "3")));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var page = await org.Admin.GetPageAsync(Home);
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("2.1 \"I can find information when I need it"));
        Assert.Contains("3 – True for most people", row.TextContent);
        Assert.Contains("1 – True for few people", row.TextContent);
        var firstId = await app.WithDbAsync(db => db.Set<MakingItRealRound>().Where(r => r.OrganisationId == org.OrganisationId).OrderBy(r => r.HeldOn).Select(r => r.Id).FirstAsync());
        Assert.Contains("Leaflets did not make sense to people new to services.", (await org.Admin.GetPageAsync($"{Home}/ratings/{firstId}")).MainText());
    }

    [Fact]
    public async Task Check_NothingRatedOrBadRating_ClearMessageAndNothingSaved()
    {
        var org = await app.CreatePlanningOrgAsync();

        var empty = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Home + "/ratings/new", Check("2026-11-01")));
        var bad = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Home + "/ratings/new", Check("yesterday", ("Input.Ratings[2].Rating", "7"))));

        Assert.Contains("Rate at least one statement", empty.ErrorSummary());
        Assert.Equal("Date of the check must be a real date, like 24/11/2026", bad.FieldError("Input_HeldOn"));
        Assert.Equal("Rating must be between 1 and 4", bad.FieldError("Input_Ratings_2__Rating"));
        Assert.False(await app.WithDbAsync(db => db.Set<MakingItRealRound>().AnyAsync(r => r.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task PriorityArea_LedOnlyByStaff_RefusedWithClearMessage()
    {
        var org = await app.CreatePlanningOrgAsync();

        var response = await org.Admin.SubmitFormAsync(Home + "/priorities/add", Fields(("Input.Title", "Information for people new to services"), ("Input.Status", "InProgress"),
            ("Input.Leads[0].Name", "Dana Whitfield"), ("Input.Leads[0].Type", "Staff"), ("Input.Leads[1].Name", "Eastmoor Mind"), ("Input.Leads[1].Type", "Partner")));
        var page = await Forms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Add at least one lead who uses services or is a carer: every priority area is led or co-led by someone with lived experience", page.ErrorSummary());
        Assert.False(await app.WithDbAsync(db => db.Set<MakingItRealPriority>().AnyAsync(p => p.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task PriorityArea_CoLedByCarerAndStaff_SavedAndListedWithLeads()
    {
        var org = await app.CreatePlanningOrgAsync();

        var response = await org.Admin.SubmitFormAsync(Home + "/priorities/add", Fields(("Input.Title", "Information for people new to services"), ("Input.Status", "InProgress"),
            ("Input.Leads[0].Name", "Dana Whitfield"), ("Input.Leads[0].Type", "Staff"), ("Input.Leads[1].Name", "Mo Carter"), ("Input.Leads[1].Type", "Carer")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await org.Admin.GetPageAsync(Home);
        Assert.Contains("Mo Carter (Carer)", page.MainText());
        Assert.Contains("Dana Whitfield (Staff)", page.MainText());
    }

    [Fact]
    public async Task PriorityArea_HalfFilledLeadRows_EachRowNamed()
    {
        var org = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Home + "/priorities/add", Fields(("Input.Title", ""), ("Input.Status", "NotStarted"),
            ("Input.Leads[0].Name", "Mo Carter"), ("Input.Leads[0].Type", ""), ("Input.Leads[1].Name", ""), ("Input.Leads[1].Type", "Carer"), ("Input.Leads[2].Type", "Boss"))));

        Assert.Equal("Enter the priority area", page.FieldError("Input_Title"));
        Assert.Equal("Choose what kind of lead Mo Carter is", page.FieldError("Input_Leads_0__Type"));
        Assert.Equal("Enter the lead's name, or set the kind of lead back to Choose", page.FieldError("Input_Leads_1__Name"));
        Assert.Equal("Enter a valid type", page.FieldError("Input_Leads_2__Type"));
    }

    [Fact]
    public async Task PriorityArea_ChangingLeadsToStaffOnly_RefusedAndCarerKept()
    {
        var org = await app.CreatePlanningOrgAsync();
        await org.Admin.SubmitFormAsync(Home + "/priorities/add", Fields(("Input.Title", "Reviews that feel like conversations"), ("Input.Status", "NotStarted"),
            ("Input.Leads[0].Name", "Sam Lee"), ("Input.Leads[0].Type", "PersonWhoUsesServices")));
        var id = await app.WithDbAsync(db => db.Set<MakingItRealPriority>().Where(p => p.OrganisationId == org.OrganisationId).Select(p => p.Id).SingleAsync());

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync($"{Home}/priorities/{id}", Fields(("Input.Title", "Reviews that feel like conversations"),
            ("Input.Status", "InProgress"), ("Input.Leads[0].Name", "Dr Patel"), ("Input.Leads[0].Type", "Staff"))));

        Assert.NotEmpty(page.ErrorSummary());
        var leads = await app.WithDbAsync(db => db.Set<PriorityLead>().Where(l => l.PriorityId == id).Select(l => l.Name).ToListAsync());
        Assert.Equal(["Sam Lee"], leads);
    }
}
