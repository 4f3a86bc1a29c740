using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.SelfAssessment;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LivingBetter.Web.Features.OrganisationPlanning;

public static class PlanningSetup
{
    /// <summary>Self-assessment, strategy and division plans, Making It Real and the peer workforce.</summary>
    public static IServiceCollection AddOrganisationPlanning(this IServiceCollection services)
    {
        services.AddScoped<PlanningScope>();
        services.AddScoped<Outcomes.OutcomeQuery>();
        // Team benchmarking (TRIP) replaces this with its own summary; until then challenges say so plainly.
        services.TryAddScoped<ITeamBenchmarkSummary, NoTeamBenchmarkSummary>();
        services.AddDemoSeeder<OrganisationRolesDemoSeeder>();
        services.AddDemoSeeder<PlanningDemoSeeder>();
        services.AddDemoSeeder<QualityAudits.QualityAuditDemoSeeder>();
        services.Configure<RazorPagesOptions>(o =>
        {
            // Adding and changing share one page; "add" is the same form with no id.
            o.Conventions.AddPageRoute("/Strategy/Action", "/organisation-planning/divisions/{divisionId:guid}/actions/add");
            o.Conventions.AddPageRoute("/Strategy/Task", "/organisation-planning/strategy/tasks/add");
            o.Conventions.AddPageRoute("/MakingItReal/Priority", "/organisation-planning/making-it-real/priorities/add");
        });
        return services;
    }
}

/// <summary>Words shown for statuses and phases, in one place so every page says the same.</summary>
public static class PlanningWords
{
    public static string Status(WorkStatus status) => status switch
    {
        WorkStatus.NotStarted => "Not started",
        WorkStatus.InProgress => "In progress",
        WorkStatus.Done => "Done",
        WorkStatus.OnHold => "On hold",
        _ => status.ToString(),
    };

    public static string StatusTag(WorkStatus status) => status switch
    {
        WorkStatus.Done => "nhsuk-tag--green",
        WorkStatus.InProgress => "nhsuk-tag--blue",
        WorkStatus.OnHold => "nhsuk-tag--orange",
        _ => "nhsuk-tag--grey",
    };

    public static IEnumerable<SelectListItem> StatusItems() =>
        Enum.GetValues<WorkStatus>().Select(s => new SelectListItem(Status(s), s.ToString()));

    public static string Phase(StrategyPhase phase) => phase switch
    {
        StrategyPhase.Activate => "Activate: getting started",
        StrategyPhase.Mobilise => "Mobilise: getting ready to change",
        StrategyPhase.Execute => "Execute: making the change happen",
        _ => phase.ToString(),
    };

    public static IEnumerable<SelectListItem> PhaseItems() =>
        Enum.GetValues<StrategyPhase>().Select(p => new SelectListItem(Phase(p), p.ToString()));

    /// <summary>Overdue: the due date has passed and the work is not done.</summary>
    public static bool IsOverdue(DateTimeOffset? dueOn, WorkStatus status, DateOnly today) =>
        dueOn is { } due && status != WorkStatus.Done && DateOnly.FromDateTime(due.UtcDateTime) < today;
}
