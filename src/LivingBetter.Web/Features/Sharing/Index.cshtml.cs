using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

public sealed class IndexModel(PersonAccess access, SharingSummary summary, SharingService sharing, LivingBetterDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<SharingSummary.NamedGrant> Grants { get; private set; } = [];
    public IReadOnlyList<SupporterRow> Supporters { get; private set; } = [];
    public IReadOnlyList<PendingInvitation> Pending { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public sealed record SupporterRow(Guid Id, string Name, string Email, string Relationship);

    public sealed record PendingInvitation(string? Email, string Relationship, DateTimeOffset ExpiresAt);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return NotFound();
        }
        Grants = await summary.CurrentGrantsAsync(me.Id, ct);
        Supporters = await db.SupporterLinks.AsNoTracking()
            .Where(l => l.PersonId == me.Id && l.EndedAt == null)
            .OrderBy(l => l.Supporter!.DisplayName)
            .Select(l => new SupporterRow(l.Id, l.Supporter!.DisplayName, l.Supporter.Email ?? "", l.Relationship))
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        Pending = (await db.Invitations.AsNoTracking()
            .Where(i => i.PersonId == me.Id && i.Kind == InvitationKind.Supporter && i.UsedAt == null)
            .Select(i => new PendingInvitation(i.Email, i.Relationship ?? "", i.ExpiresAt))
            .ToListAsync(ct))
            .Where(i => i.ExpiresAt > now).OrderBy(i => i.ExpiresAt).ToList();
        return Page();
    }

    /// <summary>One click, no confirmation: stopping sharing only ever protects the person.</summary>
    public async Task<IActionResult> OnPostStopAsync(Guid grantId, CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null || !await sharing.WithdrawAsync(me.Id, grantId, ct))
        {
            return NotFound();
        }
        return Redirect("/sharing?done=stopped");
    }
}
