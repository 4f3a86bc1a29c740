using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Teams;

public sealed class TeamPlanDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
