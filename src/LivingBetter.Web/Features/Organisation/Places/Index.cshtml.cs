using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Places;

public sealed class IndexModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public PlaceKind Kind { get; private set; } = PlaceKind.Division;
    public IReadOnlyList<PlaceRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (PlaceKind.FromSlug(kind) is not { } k)
        {
            return NotFound();
        }
        Kind = k;
        var org = Scope.OrganisationId;
        Rows = await PlaceQueries.Rows(db, k, organisationId: org).ToListAsync(ct);
        return Page();
    }
}
