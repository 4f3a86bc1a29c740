using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

public sealed class IndexModel(LivingBetterDbContext db, PersonAccess access, ResourceRules rules) : PageModel
{
    public sealed record Row(Guid Id, string Name, ResourceCategory Category, string? Locality, string Description);
    public sealed record Area(Guid Id, string Name);

    public string? Q { get; private set; }
    public Guid? Locality { get; private set; }
    public ResourceCategory? Category { get; private set; }
    public bool Filtered => !string.IsNullOrEmpty(Q) || Locality is not null || Category is not null;
    public List<Area> Localities { get; private set; } = [];
    public List<Row> Results { get; private set; } = [];
    public int Suggestions { get; private set; }
    public bool MayManage { get; private set; }
    public bool MayPropose { get; private set; }

    public async Task OnGetAsync(string? q, string? locality, string? category, CancellationToken ct)
    {
        Q = q?.Trim() is { Length: > 0 } t ? (t.Length > 100 ? t[..100] : t) : null;
        Locality = Guid.TryParse(locality, out var l) ? l : null;
        Category = EnumNames.Parse<ResourceCategory>(category);

        // Retired entries leave the directory; people who linked one still see it in their plan.
        var query = db.Set<CommunityResource>().AsNoTracking().Where(r => r.RetiredAt == null);
        if (Q is not null)
        {
            // lower() on both sides, so the search is case-insensitive on SQLite and PostgreSQL alike.
            var needle = Q.ToLowerInvariant();
            query = query.Where(r => r.Name.ToLower().Contains(needle) || r.Description.ToLower().Contains(needle) || r.WhoItSuits.ToLower().Contains(needle));
        }
        if (Locality is { } loc)
        {
            query = query.Where(r => r.LocalityId == loc || r.LocalityId == null);
        }
        if (Category is { } cat)
        {
            query = query.Where(r => r.Category == cat);
        }
        Results = await query.OrderBy(r => r.Name).Take(200)
            .Select(r => new Row(r.Id, r.Name, r.Category, r.Locality != null ? r.Locality.Name : null, r.Description))
            .ToListAsync(ct);
        Localities = (await db.Set<CommunityResource>().Where(r => r.LocalityId != null && r.RetiredAt == null)
                .Select(r => new { r.Locality!.Id, r.Locality.Name }).Distinct().ToListAsync(ct))
            .OrderBy(a => a.Name).Select(a => new Area(a.Id, a.Name)).ToList();
        MayManage = (await rules.ManagedOrganisationsAsync(ct)).Count > 0;
        MayPropose = (await rules.MyStaffOrganisationsAsync(ct)).Count > 0;
        if (await access.MyPersonAsync(ct) is { } me)
        {
            Suggestions = await db.Set<ResourceLink>().CountAsync(x => x.PersonId == me.Id && x.Status == ResourceLinkStatus.Suggested, ct);
        }
    }
}
