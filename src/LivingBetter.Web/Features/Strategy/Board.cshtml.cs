using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

/// <summary>
/// The roll-up a board reads: counts by status per phase and per division, and everything overdue.
/// It is about work and owners (names or roles), never about people who use services.
/// </summary>
[PlanningAccess(PlanningRoles.Everyone)]
public sealed class BoardModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record Counts(string Name, int NotStarted, int InProgress, int OnHold, int Done, int Overdue)
    {
        public int Total => NotStarted + InProgress + OnHold + Done;
    }

    public sealed record OverdueItem(string Where, string What, string Owner, DateTimeOffset DueOn, WorkStatus Status);

    public StrategyPhase? CurrentPhase { get; private set; }
    public IReadOnlyList<Counts> Phases { get; private set; } = [];
    public IReadOnlyList<Counts> Divisions { get; private set; } = [];
    public IReadOnlyList<OverdueItem> Overdue { get; private set; } = [];
    public DateTimeOffset PreparedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PreparedAt = Now;
        var today = Today;
        CurrentPhase = await db.Set<StrategyProgress>().Where(p => p.OrganisationId == OrganisationId)
            .Select(p => (StrategyPhase?)p.CurrentPhase).FirstOrDefaultAsync(ct);
        var tasks = await db.Set<StrategyTask>().AsNoTracking().Where(t => t.OrganisationId == OrganisationId)
            .Select(t => new { t.Phase, t.Title, t.Owner, t.DueOn, t.Status }).ToListAsync(ct);
        var actions = await db.Set<SmartAction>().AsNoTracking().Where(a => a.Plan!.OrganisationId == OrganisationId)
            .Select(a => new { a.Plan!.DivisionId, a.Specific, a.Owner, a.DueOn, a.Status }).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId).OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);

        static Counts Count(string name, IEnumerable<(WorkStatus Status, bool Overdue)> items)
        {
            var list = items.ToList();
            return new Counts(name,
                list.Count(i => i.Status == WorkStatus.NotStarted), list.Count(i => i.Status == WorkStatus.InProgress),
                list.Count(i => i.Status == WorkStatus.OnHold), list.Count(i => i.Status == WorkStatus.Done), list.Count(i => i.Overdue));
        }

        Phases = Enum.GetValues<StrategyPhase>()
            .Select(p => Count(p.ToString(), tasks.Where(t => t.Phase == p).Select(t => (t.Status, PlanningWords.IsOverdue(t.DueOn, t.Status, today)))))
            .ToList();
        Divisions = divisions
            .Select(d => Count(d.Name, actions.Where(a => a.DivisionId == d.Id).Select(a => (a.Status, PlanningWords.IsOverdue(a.DueOn, a.Status, today)))))
            .ToList();
        var names = divisions.ToDictionary(d => d.Id, d => d.Name);
        Overdue = tasks.Where(t => PlanningWords.IsOverdue(t.DueOn, t.Status, today))
                .Select(t => new OverdueItem($"Strategy: {t.Phase}", t.Title, t.Owner, t.DueOn!.Value, t.Status))
            .Concat(actions.Where(a => PlanningWords.IsOverdue(a.DueOn, a.Status, today))
                .Select(a => new OverdueItem(names.GetValueOrDefault(a.DivisionId, "Division"), a.Specific, a.Owner, a.DueOn, a.Status)))
            .OrderBy(i => i.DueOn)
            .ToList();
    }
}
