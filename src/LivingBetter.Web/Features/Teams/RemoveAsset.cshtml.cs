using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>Only the owner removes their own asset.</summary>
public sealed class RemoveAssetModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit)
    : TeamPageModel(access, plans, db, audit)
{
    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid teamId, Guid assetId, CancellationToken ct) =>
        await FindAsync(teamId, assetId, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid teamId, Guid assetId, CancellationToken ct)
    {
        var asset = await FindAsync(teamId, assetId, ct);
        if (asset is null)
        {
            return NotFound();
        }
        Db.Remove(asset);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("asset-removed", ct);
        return Redirect($"{Scope.Base}/assets?done=removed");
    }

    private async Task<TeamAsset?> FindAsync(Guid teamId, Guid assetId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return null;
        }
        var asset = await Db.Set<TeamAsset>().FirstOrDefaultAsync(a => a.Id == assetId && a.TeamId == teamId && a.OwnerUserId == Scope.UserId, ct);
        Text = asset?.Text ?? "";
        return asset;
    }
}
