using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MakingItReal;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class RoundModel(LivingBetterDbContext db) : PlanningPageModel
{
    public MakingItRealRound Round { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<MakingItRealRound>().AsNoTracking().Include(r => r.Ratings)
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == OrganisationId, ct);
        if (round is null)
        {
            return NotFound();
        }
        Round = round;
        return Page();
    }
}
