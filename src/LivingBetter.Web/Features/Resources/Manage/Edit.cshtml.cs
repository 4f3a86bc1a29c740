using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>
/// An administrator changes one of their organisation's entries. The form carries the version it was read at:
/// if someone else saved in between, nothing is saved and the page shows what they saved beside what was typed.
/// </summary>
public sealed class EditModel(LivingBetterDbContext db, ResourceRules rules, AuditLog audit) : PageModel, IResourceFormPage
{
    public sealed record Difference(string Field, string Theirs);

    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public List<SelectListItem> AreaItems { get; private set; } = [];
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsRetired { get; private set; }

    /// <summary>What the other administrator saved, field by field, when this save was refused.</summary>
    public List<Difference>? Conflict { get; private set; }

    private List<ResourceForm.Area> _areas = [];

    private async Task<CommunityResource?> LoadAsync(Guid id, CancellationToken ct)
    {
        var orgs = await rules.ManagedOrganisationsAsync(ct);
        if (orgs.Count == 0)
        {
            return null;
        }
        var resource = await db.Set<CommunityResource>().Include(r => r.Locality)
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId != null && orgs.Contains(r.OrganisationId.Value), ct);
        if (resource is null)
        {
            return null;
        }
        // An entry keeps its organisation: only that organisation's areas (or anywhere) can be chosen.
        _areas = await ResourceForm.AreasAsync(db, [resource.OrganisationId!.Value], ct);
        AreaItems = ResourceForm.AreaItems(_areas);
        Id = id;
        Name = resource.Name;
        IsRetired = resource.RetiredAt is not null;
        return resource;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var resource = await LoadAsync(id, ct);
        if (resource is null)
        {
            return NotFound();
        }
        Input = ResourceInput.From(resource);
        Version = resource.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var resource = await LoadAsync(id, ct);
        if (resource is null)
        {
            return NotFound();
        }
        var errors = new List<(string Field, string Message)>();
        var draft = ResourceForm.Validate(Input, _areas, resource.OrganisationId!.Value, "Input.", errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var readAt))
        {
            readAt = -1;
        }
        if (readAt != resource.Version)
        {
            return ShowConflict(resource);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }
        draft.ApplyTo(resource);
        // Saved only if nobody else saved since this form was read (the version is the concurrency token).
        db.Entry(resource).Property(r => r.Version).OriginalValue = readAt;
        resource.Version = readAt + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<CommunityResource>().AsNoTracking().Include(r => r.Locality).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (current is null)
            {
                return NotFound();
            }
            return ShowConflict(current);
        }
        await audit.RecordAsync(null, "community-resource-edited", "Resources", ct: ct);
        return Redirect("/resources/manage?done=edited");
    }

    private PageResult ShowConflict(CommunityResource current)
    {
        var theirs = ResourceInput.From(current);
        var area = current.Locality?.Name ?? "Anywhere";
        Conflict = new List<Difference>
            {
                new("Name", theirs.Name ?? ""),
                new("Kind of resource", ResourceWording.Category(current.Category)),
                new("Area", area),
                new("What it is", theirs.Description ?? ""),
                new("Who it suits", theirs.WhoItSuits ?? ""),
                new("How to get there", theirs.HowToGetThere ?? ""),
                new("Contact", theirs.Contact ?? ""),
                new("Website", theirs.Website ?? ""),
            };
        ModelState.AddModelError("", "Someone else saved changes to this resource while you were editing it, so nothing you typed has been saved. "
            + "Their version is shown below. Check the form, which still holds what you typed, and save again to replace their version with yours.");
        // A second save is a deliberate choice made after seeing their version.
        ModelState.Remove(nameof(Version));
        Version = current.Version.ToString(CultureInfo.InvariantCulture);
        IsRetired = current.RetiredAt is not null;
        return Page();
    }
}
