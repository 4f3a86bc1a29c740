using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

public sealed class InviteModel(PersonAccess access, SharingService sharing, LivingBetterDbContext db, CurrentUser current, IEmailSender email) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    /// <summary>Shown once, straight after the invitation is made; only its hash is kept.</summary>
    public string? Link { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public bool Emailed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await access.MyPersonAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(Input.Email))
        {
            var normalized = Input.Email.Trim().ToUpperInvariant();
            var myEmail = await db.Users.Where(u => u.Id == current.RequiredId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
            if (normalized == myEmail)
            {
                ModelState.AddModelError("Input.Email", "You cannot invite yourself. Enter the email address of the person you want to support you");
            }
            else if (await db.SupporterLinks.AnyAsync(l => l.PersonId == me.Id && l.EndedAt == null && l.Supporter!.NormalizedEmail == normalized, ct))
            {
                ModelState.AddModelError("Input.Email", "This person already supports you. You can share with them on the sharing page");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var made = await sharing.InviteSupporterAsync(me.Id, current.RequiredId, Input.Email, Input.Relationship, ct);
        Link = $"{Request.Scheme}://{Request.Host}/invitations/supporter/{made.Token}";
        ExpiresAt = made.Invitation.ExpiresAt;
        if (made.Invitation.Email is { } to)
        {
            await email.SendAsync(new EmailMessage(to, $"{me.PreferredName} has invited you to support them on LivingBetter",
                $"{me.PreferredName} would like you to be one of their supporters on LivingBetter.\r\n\r\n" +
                $"To accept, open this link. It works once, until {Wording.DateTime(made.Invitation.ExpiresAt)} (UK time may differ):\r\n{Link}\r\n\r\n" +
                "You will only see what they choose to share with you. If you were not expecting this, you can ignore this email."), ct);
            Emailed = true;
        }
        return Page();
    }
}

public sealed class InviteInput
{
    [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter who this person is to you, like friend, sister or peer supporter")]
    [StringLength(SupporterLink.RelationshipMaxLength, ErrorMessage = "Who they are to you must be 60 characters or fewer")]
    public string Relationship { get; set; } = "";
}
