using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// Staff's page for a record they started with someone who has not claimed it yet: write the plans
/// together, and give the person a code to claim it. 404 for anyone outside the supporting team, and
/// for everyone once the person has claimed it (from then on it is theirs).
/// </summary>
public sealed class PersonRecordModel(PersonAccess access, StartedRecordsService records, IEmailSender email) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public StartedRecord? Started { get; private set; }
    public IReadOnlyList<ClaimInvitationRow> Invitations { get; private set; } = [];
    public int Drafts { get; private set; }
    public string? Message { get; private set; }

    /// <summary>Shown once, straight after it is made: only its hash is kept.</summary>
    public string? NewCode { get; private set; }
    public string? NewLink { get; private set; }
    public DateTimeOffset? NewExpiresAt { get; private set; }
    public bool Emailed { get; private set; }

    [BindProperty]
    public ClaimInviteInput Input { get; set; } = new();

    private Guid _teamId;

    private async Task<bool> LoadAsync(Guid personId, string action, CancellationToken ct)
    {
        var grant = await access.RequireAsync(personId, SharedPart.WellbeingPlan, AccessLevel.Suggest, action, ct);
        if (grant is null || grant.Person.UserId is not null || await records.MySupportingTeamAsync(personId, ct) is not { } teamId)
        {
            return false;
        }
        _teamId = teamId;
        (PersonId, PersonName) = (personId, grant.Person.PreferredName);
        Started = await records.StartedRecordAsync(personId, ct);
        Invitations = await records.OpenInvitationsAsync(personId, ct);
        Drafts = await records.WaitingDraftsAsync(personId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid personId, bool started, bool cancelled, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "record.staff.read", ct))
        {
            return NotFound();
        }
        Message = started ? $"Record started. We have recorded that {PersonName} agreed, with your name and the time."
            : cancelled ? "Invitation cancelled. Its code no longer works."
            : null;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "record.claim-invitation.create", ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var made = await records.IssueAsync(personId, _teamId, Input.Email, ct);
        NewCode = made.Code;
        NewLink = $"{Request.Scheme}://{Request.Host}/claim/{made.Code}";
        NewExpiresAt = made.Invitation.ExpiresAt;
        Invitations = await records.OpenInvitationsAsync(personId, ct);
        if (made.Invitation.Email is { } to)
        {
            await email.SendAsync(new EmailMessage(to, "Your LivingBetter record is ready for you to claim",
                $"Hello {PersonName},\r\n\r\nYou agreed with {Started?.Team?.Name ?? "your care team"} to start a record and wellbeing plan on LivingBetter. " +
                "It is yours: to see it, confirm what you wrote together and decide who can see it, claim it with this link:\r\n" +
                $"{NewLink}\r\n\r\nOr go to {Request.Scheme}://{Request.Host}/claim and enter the code {made.Code}.\r\n\r\n" +
                $"The code works once, until {Wording.DateTime(made.Invitation.ExpiresAt)} (UTC). If you were not expecting this, you can ignore this email."), ct);
            Emailed = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid personId, Guid invitationId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "record.claim-invitation.cancel", ct) || !await records.CancelAsync(personId, invitationId, ct))
        {
            return NotFound();
        }
        return Redirect($"/people/{personId}/record?cancelled=true");
    }
}

public sealed class ClaimInviteInput
{
    [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string? Email { get; set; }
}
