using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Records;

public static class RecordsSetup
{
    public static IServiceCollection AddStartedRecords(this IServiceCollection services)
    {
        services.AddScoped<StartedRecordsService>();
        services.AddSingleton(new ClaimThrottleOptions());
        services.AddSingleton<ClaimThrottle>();
        services.AddDemoSeeder<RecordsDemoSeeder>();
        return services;
    }
}
