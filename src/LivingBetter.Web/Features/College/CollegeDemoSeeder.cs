using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.College;

public sealed class CollegeDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
