using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class DivisionModel(LivingBetterDbContext db) : PlanningPageModel
{
    /// <summary>Administrators and the division's leads change the plan; board members read it.</summary>
    public bool CanChange { get; private set; }

    public Division Division { get; private set; } = null!;
    public DivisionActionPlan? Plan { get; private set; }
    public IReadOnlyList<SmartAction> Actions { get; private set; } = [];
    public DateOnly TodayDate => Today;

    public async Task<IActionResult> OnGetAsync(Guid divisionId, CancellationToken ct)
    {
        var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == divisionId && d.OrganisationId == OrganisationId, ct);
        if (division is null)
        {
            return NotFound();
        }
        Division = division;
        CanChange = Scope.MayChange(divisionId);
        Plan = await db.Set<DivisionActionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.DivisionId == divisionId, ct);
        if (Plan is not null)
        {
            Actions = await db.Set<SmartAction>().AsNoTracking().Where(a => a.PlanId == Plan.Id)
                .OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        }
        return Page();
    }

    public string? Text(string field) =>
        Plan is null ? null : typeof(DivisionActionPlan).GetProperty(field)?.GetValue(Plan) as string;
}
