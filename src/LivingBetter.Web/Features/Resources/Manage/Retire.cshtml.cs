using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>
/// Retiring takes an entry out of search and the directory after the administrator confirms; listing it again
/// puts it back. Links in people's plans are never touched: they stay, marked as no longer listed.
/// </summary>
public sealed class RetireModel(LivingBetterDbContext db, ResourceRules rules, TimeProvider time, AuditLog audit) : PageModel
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsRetired { get; private set; }
    public int LinkedBy { get; private set; }

    [BindProperty]
    public string? Version { get; set; }

    private async Task<CommunityResource?> LoadAsync(Guid id, CancellationToken ct)
    {
        var orgs = await rules.ManagedOrganisationsAsync(ct);
        if (orgs.Count == 0)
        {
            return null;
        }
        var resource = await db.Set<CommunityResource>()
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId != null && orgs.Contains(r.OrganisationId.Value), ct);
        if (resource is null)
        {
            return null;
        }
        Id = id;
        Name = resource.Name;
        IsRetired = resource.RetiredAt is not null;
        LinkedBy = await db.Set<ResourceLink>().CountAsync(l => l.ResourceId == id && l.Status == ResourceLinkStatus.Linked, ct);
        return resource;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var resource = await LoadAsync(id, ct);
        if (resource is null)
        {
            return NotFound();
        }
        Version = resource.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => ChangeAsync(id, retire: true, ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct) => ChangeAsync(id, retire: false, ct);

    private async Task<IActionResult> ChangeAsync(Guid id, bool retire, CancellationToken ct)
    {
        var resource = await LoadAsync(id, ct);
        if (resource is null)
        {
            return NotFound();
        }
        if (IsRetired == retire)
        {
            ModelState.AddModelError("", retire
                ? "This resource is already retired. Nothing has changed."
                : "This resource is already listed in the directory. Nothing has changed.");
            Version = resource.Version.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        if (!int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var readAt) || readAt != resource.Version)
        {
            return Changed(resource.Version);
        }
        resource.RetiredAt = retire ? time.GetUtcNow() : null;
        db.Entry(resource).Property(r => r.Version).OriginalValue = readAt;
        resource.Version = readAt + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<CommunityResource>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
            IsRetired = current.RetiredAt is not null;
            return Changed(current.Version);
        }
        await audit.RecordAsync(null, retire ? "community-resource-retired" : "community-resource-listed-again", "Resources", ct: ct);
        return Redirect($"/resources/manage?done={(retire ? "retired" : "restored")}");
    }

    private PageResult Changed(int version)
    {
        ModelState.AddModelError("", "Someone else changed this resource since you opened this page, so nothing has been saved. Check the page below and choose again.");
        ModelState.Remove(nameof(Version));
        Version = version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }
}
