using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

public sealed class RemoveModel(LivingBetterDbContext db, PersonAccess access, AuditLog audit) : PageModel
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid linkId, CancellationToken ct)
    {
        var link = await FindAsync(linkId, ct);
        if (link is null)
        {
            return NotFound();
        }
        Name = link.Resource!.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid linkId, CancellationToken ct)
    {
        var link = await FindAsync(linkId, ct);
        if (link is null)
        {
            return NotFound();
        }
        db.Remove(link);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(link.PersonId, "community-resource-unlinked", SharedPart.WellbeingPlan.ToString(), ct: ct);
        return Redirect("/resources/mine?done=removed");
    }

    private async Task<ResourceLink?> FindAsync(Guid linkId, CancellationToken ct) =>
        await access.MyPersonAsync(ct) is { } me
            ? await db.Set<ResourceLink>().Include(l => l.Resource)
                .FirstOrDefaultAsync(l => l.Id == linkId && l.PersonId == me.Id && l.Status == ResourceLinkStatus.Linked, ct)
            : null;
}
