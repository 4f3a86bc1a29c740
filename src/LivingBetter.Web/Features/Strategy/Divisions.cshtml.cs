using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class DivisionsModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record Row(Guid DivisionId, string Name, bool HasPlan, int Actions, int Done, int Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = AtMidnight(Today);
        var plans = await db.Set<DivisionActionPlan>().AsNoTracking().Where(p => p.OrganisationId == OrganisationId)
            .Select(p => new
            {
                p.DivisionId,
                Actions = p.Actions.Count,
                Done = p.Actions.Count(a => a.Status == WorkStatus.Done),
                Overdue = p.Actions.Count(a => a.Status != WorkStatus.Done && a.DueOn < today),
            })
            .ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId).OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        Rows = divisions.Where(d => Scope.MayRead(d.Id)).Select(d =>
        {
            var p = plans.FirstOrDefault(x => x.DivisionId == d.Id);
            return new Row(d.Id, d.Name, p is not null, p?.Actions ?? 0, p?.Done ?? 0, p?.Overdue ?? 0);
        }).ToList();
    }
}
