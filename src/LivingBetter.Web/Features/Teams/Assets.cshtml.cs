using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class AssetsModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public List<(TeamAsset Asset, string Owner)> Assets { get; private set; } = [];
    public string? Query { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public AssetInput Input { get; set; } = new();

    public sealed class AssetInput
    {
        [Required(ErrorMessage = "Choose what kind of thing it is")]
        public string? Kind { get; set; } = nameof(AssetKind.Skill);

        [Required(ErrorMessage = "Describe it in your own words")]
        [StringLength(TeamAsset.TextMaxLength, ErrorMessage = "Description must be 500 characters or fewer")]
        public string? Text { get; set; }

        [Required(ErrorMessage = "Choose who can see it")]
        public string? Visibility { get; set; } = nameof(AssetVisibility.Team);
    }

    public IEnumerable<SelectListItem> KindItems => Enum.GetValues<AssetKind>().Select(k => new SelectListItem(TeamPlanRules.Label(k), k.ToString()));

    public IEnumerable<SelectListItem> VisibilityItems => Enum.GetValues<AssetVisibility>().Select(v => new SelectListItem(TeamPlanRules.Label(v), v.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid teamId, string? q, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, q, ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "added" => "Thank you. It is added to the team's assets.",
            "removed" => "It is removed.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, null, ct) || !Scope.IsMember)
        {
            return NotFound();
        }
        if (!Enum.TryParse<AssetKind>(Input.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("Input.Kind", "Choose what kind of thing it is");
        }
        if (!Enum.TryParse<AssetVisibility>(Input.Visibility, out var visibility) || !Enum.IsDefined(visibility))
        {
            ModelState.AddModelError("Input.Visibility", "Choose who can see it");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Db.Add(new TeamAsset { Id = Guid.NewGuid(), TeamId = teamId, OwnerUserId = Scope.UserId, Kind = kind, Text = Input.Text!.Trim(), Visibility = visibility, CreatedAt = time.GetUtcNow() });
        await Db.SaveChangesAsync(ct);
        await RecordAsync("asset-added", ct);
        return Redirect($"{Scope.Base}/assets?done=added");
    }

    private async Task<bool> LoadAsync(Guid teamId, string? q, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        Query = q?.Trim();
        if (Query?.Length > 100)
        {
            Query = Query[..100];
        }
        var rows = await VisibleAssets(Db, Scope).OrderBy(a => a.Kind).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var names = Members.ToDictionary(m => m.UserId, m => m.Name);
        Assets = rows.Select(a => (a, names.GetValueOrDefault(a.OwnerUserId, "A former member")))
            .Where(x => string.IsNullOrEmpty(Query)
                || x.a.Text.Contains(Query, StringComparison.OrdinalIgnoreCase)
                || x.Item2.Contains(Query, StringComparison.OrdinalIgnoreCase)
                || TeamPlanRules.Label(x.a.Kind).Contains(Query, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return true;
    }

    /// <summary>Each entry is visible only as its owner chose; the owner always sees their own.</summary>
    public static IQueryable<TeamAsset> VisibleAssets(LivingBetterDbContext db, TeamScope scope)
    {
        var allowed = new List<AssetVisibility> { AssetVisibility.Team };
        if (scope.IsStaffSide || scope.IsAdmin)
        {
            allowed.Add(AssetVisibility.StaffOnly);
        }
        if (scope.CanManage)
        {
            allowed.Add(AssetVisibility.LeadsOnly);
        }
        return db.Set<TeamAsset>().AsNoTracking()
            .Where(a => a.TeamId == scope.Team.Id && (a.OwnerUserId == scope.UserId || allowed.Contains(a.Visibility)));
    }
}
