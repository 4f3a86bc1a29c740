namespace LivingBetter.Web.Features.Resources;

public static class ResourcesSetup
{
    public static IServiceCollection AddCommunityResources(this IServiceCollection services)
    {
        services.AddScoped<ResourceRules>();
        Demo.DemoSetup.AddDemoSeeder<ResourcesDemoSeeder>(services);
        return services;
    }
}
