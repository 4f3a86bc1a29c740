using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

public sealed record VersionRow(Guid Id, string SectionKey, string SectionTitle, int Number, DateTimeOffset At, string Reason, string Author, string? SuggestedBy);

/// <summary>Reads versions of the signed-in person's own plan; any version of anyone else's is simply not found.</summary>
public static class VersionQueries
{
    public static async Task<List<VersionRow>> ListAsync(LivingBetterDbContext db, PlanStore store, Guid personId, PlanKind kind, CancellationToken ct)
    {
        var rows = await db.PlanSectionVersions.AsNoTracking()
            .Where(v => v.Section!.Plan!.PersonId == personId && v.Section.Plan.Kind == kind)
            .Select(v => new { v.Id, v.Section!.Key, v.Number, v.CreatedAt, v.Reason, v.AuthorUserId, v.SuggestedByUserId })
            .ToListAsync(ct);
        var names = await store.NamesAsync(rows.Select(r => r.AuthorUserId).Concat(rows.Where(r => r.SuggestedByUserId != null).Select(r => r.SuggestedByUserId!.Value)), ct);
        return rows
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number)
            .Select(r => new VersionRow(r.Id, r.Key, PlanStructure.Find(kind, r.Key)?.Title ?? r.Key, r.Number, r.CreatedAt, r.Reason,
                names.GetValueOrDefault(r.AuthorUserId, "You"),
                r.SuggestedByUserId is { } s ? names.GetValueOrDefault(s, "a member of staff") : null))
            .ToList();
    }

    public static Task<PlanSectionVersion?> FindAsync(LivingBetterDbContext db, Guid personId, PlanKind kind, Guid versionId, CancellationToken ct) =>
        db.PlanSectionVersions.AsNoTracking().Include(v => v.Section)
            .FirstOrDefaultAsync(v => v.Id == versionId && v.Section!.Plan!.PersonId == personId && v.Section.Plan.Kind == kind, ct);
}

public sealed class HistoryModel(PersonAccess access, PlanStore store, LivingBetterDbContext db) : PageModel
{
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k
            || await access.OwnerAsync(k == PlanKind.StayingWell ? SharedPart.StayingWellPlan : SharedPart.WellbeingPlan, "plans.history", ct) is not { } me)
        {
            return NotFound();
        }
        Slug = kind;
        Title = await store.TitleAsync(me.Id, k, ct);
        Versions = await VersionQueries.ListAsync(db, store, me.Id, k, ct);
        return Page();
    }
}

public sealed class VersionModel(PersonAccess access, PlanStore store, LivingBetterDbContext db, CurrentUser user) : PageModel
{
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public SectionDef Def { get; private set; } = null!;
    public PlanSectionVersion Version { get; private set; } = null!;
    public IReadOnlyList<FieldText> Text { get; private set; } = [];
    public IReadOnlyList<VersionRow> Others { get; private set; } = [];
    public VersionRow? ComparedWith { get; private set; }
    public IReadOnlyList<string>? Changes { get; private set; }
    public int CurrentVersion { get; private set; }
    public bool Restoring { get; private set; }
    public string? Problem { get; private set; }

    private async Task<Person?> LoadAsync(string kind, Guid versionId, string action, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k)
        {
            return null;
        }
        var me = await access.OwnerAsync(k == PlanKind.StayingWell ? SharedPart.StayingWellPlan : SharedPart.WellbeingPlan, action, ct);
        if (me is null || await VersionQueries.FindAsync(db, me.Id, k, versionId, ct) is not { } v || PlanStructure.Find(k, v.Section!.Key) is not { } def)
        {
            return null;
        }
        (Slug, Version, Def) = (kind, v, def);
        Title = await store.TitleAsync(me.Id, k, ct);
        var goals = await store.GoalsAsync(me.Id, ct);
        Text = SectionContent.Describe(def, SectionContent.Parse(def, v.Content), goals);
        Others = (await VersionQueries.ListAsync(db, store, me.Id, k, ct)).Where(r => r.SectionKey == def.Key && r.Id != v.Id).ToList();
        CurrentVersion = v.Section.Version;
        return me;
    }

    public async Task<IActionResult> OnGetAsync(string kind, Guid versionId, Guid? compareWith, CancellationToken ct)
    {
        if (await LoadAsync(kind, versionId, "plans.version.read", ct) is not { } me)
        {
            return NotFound();
        }
        // By default, show what this version changed from the one before it.
        var otherId = compareWith ?? Others.Where(o => o.Number < Version.Number).OrderByDescending(o => o.Number).FirstOrDefault()?.Id;
        if (otherId is { } oid && await VersionQueries.FindAsync(db, me.Id, PlanStructure.KindFromSlug(kind)!.Value, oid, ct) is { } other
            && other.SectionId == Version.SectionId)
        {
            ComparedWith = Others.First(o => o.Id == oid);
            var goals = await store.GoalsAsync(me.Id, ct);
            var (older, newer) = other.Number < Version.Number ? (other, Version) : (Version, other);
            Changes = SectionContent.Compare(Def, SectionContent.Parse(Def, older.Content), SectionContent.Parse(Def, newer.Content), goals);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetRestoreAsync(string kind, Guid versionId, CancellationToken ct)
    {
        if (await LoadAsync(kind, versionId, "plans.version.read", ct) is null)
        {
            return NotFound();
        }
        Restoring = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string kind, Guid versionId, int baseVersion, CancellationToken ct)
    {
        if (await LoadAsync(kind, versionId, "plans.version.restore", ct) is not { } me)
        {
            return NotFound();
        }
        var result = await store.SaveAsync(me.Id, Def, SectionContent.Parse(Def, Version.Content), baseVersion, null,
            user.RequiredId, null, $"Restored version {Version.Number}", ct);
        if (!result.Saved)
        {
            Restoring = true;
            CurrentVersion = result.Current.Version;
            Problem = "This section changed in another tab or device since you opened this page. Check it, then restore again if you still want to.";
            return Page();
        }
        return Redirect(Def.Key == PlanStructure.Goals ? "/plans/wellbeing/goals?saved=1" : $"/plans/{Slug}/{Def.Key}?saved=1");
    }
}
