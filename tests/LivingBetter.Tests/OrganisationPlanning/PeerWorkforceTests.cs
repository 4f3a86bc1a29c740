using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class PeerWorkforceTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Page = "/organisation-planning/peer-workforce";

    [Fact]
    public async Task PlannedPosts_SavedForTeam_ShownAgainstPeerWorkersInPost()
    {
        var org = await app.CreatePlanningOrgAsync();
        await app.CreateStaffAsync(org.OrganisationId, org.TeamId, Roles.Staff, JobRole.PeerSupportWorker);
        await app.CreateStaffAsync(org.OrganisationId, org.TeamId, Roles.Staff, JobRole.Nurse);

        var response = await org.Admin.SubmitFormAsync(Page, Fields(("Input[0].TeamId", org.TeamId.ToString()), ("Input[0].Planned", "3")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await org.Admin.GetPageAsync(Page);
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Test Community Team"));
        Assert.Equal("3", row.QuerySelector("input[name='Input[0].Planned']")!.GetAttribute("value"));
        Assert.Contains("2 to fill", row.TextContent);
        Assert.Contains("1 in post", page.MainText());
        Assert.Contains("3 planned", page.MainText());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("many")]
    [InlineData("101")]
    public async Task PlannedPosts_NotAWholeNumber_ClearMessageNothingSaved(string planned)
    {
        var org = await app.CreatePlanningOrgAsync();

        var page = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Page, Fields(("Input[0].TeamId", org.TeamId.ToString()), ("Input[0].Planned", planned))));

        Assert.Equal("Planned posts for Test Community Team must be a whole number from 0 to 100", page.FieldError("Input_0__Planned"));
        Assert.False(await app.WithDbAsync(db => db.Set<PeerWorkforcePlan>().AnyAsync(p => p.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task PlannedPosts_ForAnotherOrganisationsTeam_Ignored()
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();

        await org.Admin.SubmitFormAsync(Page, Fields(("Input[0].TeamId", other.TeamId.ToString()), ("Input[0].Planned", "7")));

        Assert.False(await app.WithDbAsync(db => db.Set<PeerWorkforcePlan>().AnyAsync(p => p.TeamId == other.TeamId)));
    }
}
