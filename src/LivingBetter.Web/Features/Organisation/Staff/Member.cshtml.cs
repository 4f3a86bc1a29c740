using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed class MemberModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public MemberView Member { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await MemberQueries.FindAsync(db, Scope, id, ct) is not { } member)
        {
            return NotFound();
        }
        Member = member;
        return Page();
    }
}
