using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Records;

public static class RecordsSetup
{
    public static IServiceCollection AddStartedRecords(this IServiceCollection services)
    {
        services.AddScoped<StartedRecordsService>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("ClaimThrottle").Get<ClaimThrottleOptions>() ?? new ClaimThrottleOptions());
        services.AddSingleton<ClaimAddressHasher>();
        services.AddScoped<ClaimThrottle>();
        services.AddDemoSeeder<RecordsDemoSeeder>();
        return services;
    }
}
