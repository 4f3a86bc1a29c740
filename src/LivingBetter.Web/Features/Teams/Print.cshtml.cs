using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc;

namespace LivingBetter.Web.Features.Teams;

public sealed class PrintModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit)
    : TeamPageModel(access, plans, db, audit)
{
    public TeamPlanSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return NotFound();
        }
        Summary = await Plans.SummariseAsync(Db, Scope.Team, ct);
        return Page();
    }
}
