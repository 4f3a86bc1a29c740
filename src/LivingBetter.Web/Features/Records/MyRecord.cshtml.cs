using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.Sharing;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// The person's own view of how their record began: who started it with them and for which team, the
/// drafts waiting for them, and who can see what now (with the way to change it).
/// </summary>
public sealed class MyRecordModel(PersonAccess access, StartedRecordsService records, SharingSummary sharing, AuditLog audit) : PageModel
{
    public Person Person { get; private set; } = null!;
    public StartedRecord? Started { get; private set; }
    public int Drafts { get; private set; }
    public IReadOnlyList<SharingSummary.NamedGrant> Grants { get; private set; } = [];
    public bool JustClaimed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool claimed, CancellationToken ct)
    {
        if (await access.MyPersonAsync(ct) is not { } me)
        {
            return NotFound();
        }
        await audit.RecordAsync(me.Id, "record.own.read", "Record", ct: ct);
        Person = me;
        JustClaimed = claimed;
        Started = await records.StartedRecordAsync(me.Id, ct);
        Drafts = await records.WaitingDraftsAsync(me.Id, ct);
        Grants = await sharing.CurrentGrantsAsync(me.Id, ct);
        return Page();
    }
}
