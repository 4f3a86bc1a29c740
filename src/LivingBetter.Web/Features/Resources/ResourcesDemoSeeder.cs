using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Resources;

public sealed class ResourcesDemoSeeder : IDemoSeeder
{
    public int Order => 51;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
