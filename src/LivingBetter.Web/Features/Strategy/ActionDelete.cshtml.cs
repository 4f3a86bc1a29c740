using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

[PlanningAccess(PlanningRoles.DivisionLead, PlanningRoles.DivisionLead)]
public sealed class ActionDeleteModel(LivingBetterDbContext db) : PlanningPageModel
{
    public SmartAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid divisionId, Guid actionId, CancellationToken ct) =>
        await LoadAsync(divisionId, actionId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid divisionId, Guid actionId, CancellationToken ct)
    {
        if (!await LoadAsync(divisionId, actionId, ct))
        {
            return NotFound();
        }
        db.Remove(Action);
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/divisions/{divisionId}");
    }

    private async Task<bool> LoadAsync(Guid divisionId, Guid actionId, CancellationToken ct)
    {
        var action = await db.Set<SmartAction>().Include(a => a.Plan!).ThenInclude(p => p.Division)
            .FirstOrDefaultAsync(a => a.Id == actionId && a.Plan!.DivisionId == divisionId && a.Plan.OrganisationId == OrganisationId, ct);
        Action = action!;
        return action is not null;
    }
}
