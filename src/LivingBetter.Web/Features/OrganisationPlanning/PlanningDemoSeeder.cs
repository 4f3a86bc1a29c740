using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.OrganisationPlanning;

public sealed class PlanningDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
