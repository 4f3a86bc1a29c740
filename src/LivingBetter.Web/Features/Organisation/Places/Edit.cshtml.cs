using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Places;

public sealed class EditModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    public PlaceKind Kind { get; private set; } = PlaceKind.Division;
    public bool IsNew { get; private set; }
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string kind, Guid? id, CancellationToken ct)
    {
        var found = await LoadAsync(kind, id, ct);
        if (found is null)
        {
            return NotFound();
        }
        Input.Name = CurrentName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, Guid? id, CancellationToken ct)
    {
        var found = await LoadAsync(kind, id, ct);
        if (found is not { } organisationId)
        {
            return NotFound();
        }
        var name = Tidy(Input.Name);
        if (ModelState.IsValid && name.Length == 0)
        {
            ModelState.AddModelError("Input.Name", "Enter a name");
        }
        if (ModelState.IsValid && await PlaceQueries.NameTakenAsync(db, Kind, organisationId, name, id, ct))
        {
            ModelState.AddModelError("Input.Name", $"There is already a {Kind.Singular} called {name}. Enter a different name");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await SaveAsync(organisationId, id, name, ct);
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same name between our check and this save.
            ModelState.AddModelError("Input.Name", $"There is already a {Kind.Singular} called {name}. Enter a different name");
            return Page();
        }
        TempData["Success"] = IsNew ? $"Added {name}." : $"Renamed to {name}.";
        return Redirect($"/organisation/{Kind.Slug}");
    }

    /// <returns>The organisation the item belongs to, or null when it is not one this admin may change.</returns>
    private async Task<Guid?> LoadAsync(string kind, Guid? id, CancellationToken ct)
    {
        if (PlaceKind.FromSlug(kind) is not { } k)
        {
            return null;
        }
        Kind = k;
        IsNew = id is null;
        if (id is null)
        {
            return Scope.OrganisationId;
        }
        var row = await PlaceQueries.Rows(db, k, id: id).FirstOrDefaultAsync(ct);
        if (row is null || !Scope.Administers(row.OrganisationId))
        {
            return null;
        }
        CurrentName = row.Name;
        return row.OrganisationId;
    }

    private async Task SaveAsync(Guid organisationId, Guid? id, string name, CancellationToken ct)
    {
        if (Kind == PlaceKind.Division)
        {
            var division = id is null
                ? db.Divisions.Add(new Division { Id = Guid.NewGuid(), OrganisationId = organisationId }).Entity
                : await db.Divisions.SingleAsync(d => d.Id == id, ct);
            division.Name = name;
        }
        else
        {
            var locality = id is null
                ? db.Localities.Add(new Locality { Id = Guid.NewGuid(), OrganisationId = organisationId }).Entity
                : await db.Localities.SingleAsync(l => l.Id == id, ct);
            locality.Name = name;
        }
        await db.SaveChangesAsync(ct);
    }
}
