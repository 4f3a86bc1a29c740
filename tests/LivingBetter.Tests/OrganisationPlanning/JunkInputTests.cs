using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.OrganisationPlanning;

/// <summary>No input to an organisation planning form, however odd, makes the server answer 500.</summary>
public sealed class PlanningJunkInputTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static readonly string[] Junk =
    [
        "", " ", new string('x', 10_000), "\0\u0001", "' OR 1=1 --", "<script>alert(1)</script>", "😀", "-1", "99999999999999999999", "null", "00000000-0000-0000-0000-000000000000",
    ];

    [Fact]
    public async Task EveryPlanningForm_JunkInEveryField_NeverAnswers500()
    {
        var org = await app.CreatePlanningOrgAsync();
        var round = await org.Admin.SubmitFormAsync("/organisation-planning/self-assessment", PlanningTestSupport.Fields(("Input.Scope", "organisation"), ("Input.HeldOn", "2026-11-01")));
        await org.Admin.SubmitFormAsync("/organisation-planning/strategy", PlanningTestSupport.Fields(), "Suggested");
        var taskId = await app.WithDbAsync(db => db.Set<StrategyTask>().Where(t => t.OrganisationId == org.OrganisationId).Select(t => t.Id).FirstAsync());
        var urls = new[]
        {
            "/organisation-planning/self-assessment",
            round.Headers.Location!.OriginalString + "/challenges/5",
            "/organisation-planning/strategy",
            "/organisation-planning/strategy/tasks/add",
            $"/organisation-planning/strategy/tasks/{taskId}",
            $"/organisation-planning/divisions/{org.DivisionId}/plan",
            $"/organisation-planning/divisions/{org.DivisionId}/actions/add",
            "/organisation-planning/making-it-real/ratings/new",
            "/organisation-planning/making-it-real/priorities/add",
            "/organisation-planning/peer-workforce",
        };
        foreach (var url in urls)
        {
            var page = await org.Admin.GetPageAsync(url);
            var names = page.QuerySelectorAll("main form input, main form textarea, main form select")
                .Select(e => e.GetAttribute("name"))
                .Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken")
                .Distinct()
                .ToList();
            foreach (var junk in Junk)
            {
                var response = await org.Admin.SubmitFormAsync(url, names.ToDictionary(n => n!, _ => junk));
                Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode} to '{junk[..Math.Min(20, junk.Length)]}'");
            }
        }
    }
}
