using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc;

namespace LivingBetter.Web.Features.Teams;

public sealed class RoundModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit)
    : TeamPageModel(access, plans, db, audit)
{
    public CollatedRound Collated { get; private set; } = null!;
    public bool CanAgree { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid teamId, int number, string? done, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return NotFound();
        }
        var round = await Plans.RoundAsync(teamId, number, ct);
        if (round is null)
        {
            return NotFound();
        }
        // Rounds of a finished cycle are history: they can be read but not changed.
        CanAgree = round.TeamPlan!.ClosedAt is null;
        Collated = await Plans.CollateAsync(round, ct);
        Message = done == "agreed" ? "The team's agreed rating is saved." : null;
        return Page();
    }
}
