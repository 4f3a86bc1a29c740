using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Records;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;

namespace LivingBetter.Web.Features.Organisation.Imports;

/// <summary>
/// A record an administrator brought in, until the person claims it: what came in, and a claim code to
/// give them. 404 for records of other organisations and, once claimed, for everyone (it is theirs then).
/// </summary>
public sealed class ImportedModel(FhirRecordImport import, StartedRecordsService records, AuditLog audit) : OrganisationAdminPageModel
{
    public ImportedRecordView View { get; private set; } = null!;
    public IReadOnlyList<ClaimInvitationRow> Invitations { get; private set; } = [];
    public bool JustImported { get; private set; }

    /// <summary>Shown once, straight after it is made: only its hash is kept.</summary>
    public string? NewCode { get; private set; }
    public string? NewLink { get; private set; }
    public DateTimeOffset? NewExpiresAt { get; private set; }

    private async Task<bool> LoadAsync(Guid personId, string action, CancellationToken ct)
    {
        var view = await import.FindAsync(personId, ct);
        await audit.RecordAsync(view is null ? null : personId, action, "Record", view is null ? AuditOutcome.Denied : AuditOutcome.Allowed, ct);
        if (view is null)
        {
            return false;
        }
        View = view;
        Invitations = await records.OpenInvitationsAsync(personId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid personId, bool imported, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "fhir.import-record.read", ct))
        {
            return NotFound();
        }
        JustImported = imported;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "record.claim-invitation.create", ct))
        {
            return NotFound();
        }
        var made = await records.IssueAsync(personId, View.TeamId, null, ct);
        NewCode = made.Code;
        NewLink = $"{Request.Scheme}://{Request.Host}/claim/{made.Code}";
        NewExpiresAt = made.Invitation.ExpiresAt;
        Invitations = await records.OpenInvitationsAsync(personId, ct);
        return Page();
    }
}
