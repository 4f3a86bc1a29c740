using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>An administrator lists a new resource. It belongs to the chosen area's organisation, or their (first) organisation when for anywhere.</summary>
public sealed class NewModel(LivingBetterDbContext db, ResourceRules rules, TimeProvider time, AuditLog audit) : PageModel, IResourceFormPage
{
    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public List<SelectListItem> AreaItems { get; private set; } = [];

    private List<Guid> _orgs = [];
    private List<ResourceForm.Area> _areas = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        _orgs = await rules.ManagedOrganisationsAsync(ct);
        if (_orgs.Count == 0)
        {
            return false;
        }
        _areas = await ResourceForm.AreasAsync(db, _orgs, ct);
        AreaItems = ResourceForm.AreaItems(_areas);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var errors = new List<(string Field, string Message)>();
        var draft = ResourceForm.Validate(Input, _areas, _orgs[0], "Input.", errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }
        var resource = new CommunityResource { Id = Guid.NewGuid(), OrganisationId = draft.OrganisationId, CreatedAt = time.GetUtcNow() };
        draft.ApplyTo(resource);
        db.Add(resource);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "community-resource-added", "Resources", ct: ct);
        return Redirect("/resources/manage?done=added");
    }
}
