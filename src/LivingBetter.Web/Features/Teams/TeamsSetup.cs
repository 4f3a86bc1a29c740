using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Web.Features.Teams;

public static class TeamsSetup
{
    public static IServiceCollection AddTeamPlans(this IServiceCollection services)
    {
        services.AddScoped<TeamAccess>();
        services.AddScoped<TeamPlanService>();
        services.AddScoped<SelfAssessment.ITeamBenchmarkSummary, TeamBenchmarkSummary>();
        services.AddDemoSeeder<TeamPlanDemoSeeder>();
        return services;
    }

    public static WebApplication MapTeamPlans(this WebApplication app)
    {
        app.MapGet("/teams/{teamId:guid}/plan.pdf", TeamPlanPdf.HandleAsync)
            .WithName("TeamPlanPdf")
            .WithSummary("The whole team recovery implementation plan as a PDF, for members of the team and the organisation's administrators.");
        return app;
    }
}
