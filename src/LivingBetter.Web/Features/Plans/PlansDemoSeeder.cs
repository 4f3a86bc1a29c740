using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Plans;

public sealed class PlansDemoSeeder : IDemoSeeder
{
    public int Order => 30;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
