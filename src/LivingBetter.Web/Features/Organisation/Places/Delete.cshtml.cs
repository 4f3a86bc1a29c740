using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Places;

public sealed class DeleteModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public PlaceKind Kind { get; private set; } = PlaceKind.Division;
    public PlaceRow Item { get; private set; } = null!;

    /// <summary>Why it cannot be deleted yet, in words that say what to do first.</summary>
    public string? Blocker { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct))
        {
            return NotFound();
        }
        if (Blocker is not null)
        {
            return Page();
        }
        // Teams would quietly lose their division or locality (the foreign key sets null), so the
        // check above refuses while any team uses it, and the delete re-checks inside the same query.
        var deleted = Kind == PlaceKind.Division
            ? await db.Divisions.Where(d => d.Id == id && !db.Teams.Any(t => t.DivisionId == id)).ExecuteDeleteAsync(ct)
            : await db.Localities.Where(l => l.Id == id && !db.Teams.Any(t => t.LocalityId == id)).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            await LoadAsync(kind, id, ct);
            return Page();
        }
        TempData["Success"] = $"Deleted {Item.Name}.";
        return Redirect($"/organisation/{Kind.Slug}");
    }

    private async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        if (PlaceKind.FromSlug(kind) is not { } k)
        {
            return false;
        }
        Kind = k;
        var row = await PlaceQueries.Rows(db, k, id: id).FirstOrDefaultAsync(ct);
        if (row is null || !Scope.Administers(row.OrganisationId))
        {
            return false;
        }
        Item = row;
        Blocker = row.Teams switch
        {
            0 => null,
            1 => $"You cannot delete {row.Name} because 1 team belongs to it. Move that team to another {k.Singular}, or delete it, first.",
            var n => $"You cannot delete {row.Name} because {n} teams belong to it. Move those teams to another {k.Singular}, or delete them, first.",
        };
        return true;
    }
}
