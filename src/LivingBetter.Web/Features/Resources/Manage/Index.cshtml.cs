using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>The directory as its organisation's administrators look after it: listed and retired entries, and the suggestion queue.</summary>
public sealed class IndexModel(LivingBetterDbContext db, ResourceRules rules) : PageModel
{
    public sealed record Row(Guid Id, string Name, ResourceCategory Category, string? Locality, bool Retired, int LinkedBy);

    public List<Row> Listed { get; private set; } = [];
    public List<Row> Retired { get; private set; } = [];
    public int Pending { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        var orgs = await rules.ManagedOrganisationsAsync(ct);
        if (orgs.Count == 0)
        {
            return NotFound();
        }
        Message = done switch
        {
            "added" => "The resource is now listed in the directory.",
            "edited" => "Your changes are saved.",
            "retired" => "The resource is retired. It no longer shows in the directory; people who linked it still see it in their plan, marked as no longer listed.",
            "restored" => "The resource is listed in the directory again.",
            _ => null,
        };
        var rows = await db.Set<CommunityResource>().AsNoTracking()
            .Where(r => r.OrganisationId != null && orgs.Contains(r.OrganisationId.Value))
            .Select(r => new Row(r.Id, r.Name, r.Category, r.Locality != null ? r.Locality.Name : null, r.RetiredAt != null,
                db.Set<ResourceLink>().Count(l => l.ResourceId == r.Id && l.Status == ResourceLinkStatus.Linked)))
            .ToListAsync(ct);
        Listed = rows.Where(r => !r.Retired).OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        Retired = rows.Where(r => r.Retired).OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        Pending = await db.Set<ResourceProposal>().CountAsync(p => orgs.Contains(p.OrganisationId) && p.Status == ResourceProposalStatus.Pending, ct);
        return Page();
    }
}
