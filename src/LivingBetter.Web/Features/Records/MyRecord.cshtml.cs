using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Features.Sharing;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// The person's own view of how their record began: who started it with them and for which team, the
/// drafts waiting for them, and who can see what now (with the way to change it).
/// </summary>
public sealed class MyRecordModel(PersonAccess access, StartedRecordsService records, SharingSummary sharing, AuditLog audit, FhirRecordImport imports) : PageModel
{
    /// <summary>How the record arrived when an administrator brought it in from a FHIR file (ADR 0023).</summary>
    public (ImportedRecord Record, string ImportedBy)? Imported { get; private set; }

    /// <summary>Sharing from the imported file that gives nobody anything until the person turns it on.</summary>
    public IReadOnlyList<WaitingConsent> Waiting { get; private set; } = [];

    public string? Decided { get; private set; }

    public Person Person { get; private set; } = null!;
    public StartedRecord? Started { get; private set; }
    public int Drafts { get; private set; }
    public IReadOnlyList<SharingSummary.NamedGrant> Grants { get; private set; } = [];
    public bool JustClaimed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool claimed, string? decided, CancellationToken ct)
    {
        Decided = decided switch { "on" => "Turned on. You can stop sharing at any time.", "off" => "Left off. Nobody was given anything.", _ => null };
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
        Imported = await imports.ImportedAsync(me.Id, ct);
        Waiting = await imports.WaitingAsync(me.Id, ct);
        return Page();
    }

    /// <summary>Turns one waiting permission from the imported file on, or leaves it off. Only the person, for their own record.</summary>
    public async Task<IActionResult> OnPostSharingAsync(Guid consentId, bool turnOn, CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.StayingWellPlan, "fhir.import-record.sharing", ct) is not { } me
            || !await imports.DecideAsync(me.Id, consentId, turnOn, ct))
        {
            return NotFound();
        }
        return Redirect($"/my-record?decided={(turnOn ? "on" : "off")}");
    }
}
