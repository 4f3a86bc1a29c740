using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.QualityAudits;

public sealed class DeleteModel(LivingBetterDbContext db) : PlanningPageModel
{
    public QualityAuditRound Round { get; private set; } = null!;
    public int ReAudits { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // Re-audits of this baseline keep their own answers; they just lose the comparison.
        await db.Set<QualityAuditRound>().Where(r => r.BaselineRoundId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.BaselineRoundId, (Guid?)null), ct);
        db.Remove(Round);
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/quality-audits");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<QualityAuditRound>().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == OrganisationId, ct);
        Round = round!;
        ReAudits = round is null ? 0 : await db.Set<QualityAuditRound>().CountAsync(r => r.BaselineRoundId == id, ct);
        return round is not null;
    }
}
