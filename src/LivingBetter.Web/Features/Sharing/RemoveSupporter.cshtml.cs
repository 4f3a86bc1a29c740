using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

public sealed class RemoveSupporterModel(PersonAccess access, SharingService sharing, LivingBetterDbContext db) : PageModel
{
    public string Name { get; private set; } = "";
    public string Relationship { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        var link = me is null ? null : await db.SupporterLinks.AsNoTracking()
            .Where(l => l.Id == id && l.PersonId == me.Id && l.EndedAt == null)
            .Select(l => new { l.Supporter!.DisplayName, l.Relationship }).FirstOrDefaultAsync(ct);
        if (link is null)
        {
            await sharing.RecordDeniedSupporterAsync(me?.Id, id, "supporter.view", ct);
            return NotFound();
        }
        (Name, Relationship) = (link.DisplayName, link.Relationship);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            await sharing.RecordDeniedSupporterAsync(null, id, "supporter.remove", ct);
            return NotFound();
        }
        if (!await sharing.RemoveSupporterAsync(me.Id, id, ct))
        {
            return NotFound();
        }
        return Redirect("/sharing?done=removed");
    }
}
