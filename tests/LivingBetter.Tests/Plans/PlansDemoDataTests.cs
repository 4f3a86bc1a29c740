using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Plans;

public sealed class PlansDemoDataTests(DemoOrganisationApp app) : IClassFixture<DemoOrganisationApp>
{
    [Fact]
    public async Task DemoSeed_GivesAlexCompletePlans_AndOthersAVariedSpread()
    {

        var counts = await app.WithDbAsync(async db =>
        {
            var sectionsPerPerson = await db.PlanSections.Where(s => s.Plan!.Kind == PlanKind.StayingWell && s.Version > 0)
                .GroupBy(s => s.Plan!.PersonId).Select(g => g.Count()).ToListAsync();
            return (People: await db.People.CountAsync(), WithPlan: sectionsPerPerson.Count,
                Complete: sectionsPerPerson.Count(c => c == 8), Partial: sectionsPerPerson.Count(c => c < 8),
                Wellbeing: await db.Plans.CountAsync(p => p.Kind == PlanKind.Wellbeing));
        });
        Assert.InRange(counts.WithPlan, counts.People / 3, counts.People * 3 / 4);
        Assert.True(counts.Complete > 20, $"{counts.Complete} complete plans");
        Assert.True(counts.Partial > 20, $"{counts.Partial} partial plans");
        Assert.True(counts.Wellbeing > 50, $"{counts.Wellbeing} wellbeing plans");
        var drafts = await app.WithDbAsync(db => db.Set<SectionSuggestion>()
            .CountAsync(s => s.WrittenTogether && s.Status == SuggestionStatus.Pending && s.Section!.Plan!.Person!.UserId == null));
        Assert.InRange(drafts, 1, 5);

        var alex = app.NewClient();
        await app.SignInAsync(alex, DemoAccounts.Person.Email, DemoAccounts.Password, null);
        var plans = await alex.GetPageAsync("/plans");
        Assert.Contains("8 of 8 sections done", plans.MainText());
        Assert.Contains("6 of 6 sections done", plans.MainText());
        var resources = await alex.GetPageAsync("/plans/wellbeing/resources");
        Assert.Contains("Suggestion from Priya Shah", resources.MainText());
        var goals = await alex.GetPageAsync("/plans/wellbeing/goals");
        Assert.Contains("Achieved", goals.MainText());
    }
}
