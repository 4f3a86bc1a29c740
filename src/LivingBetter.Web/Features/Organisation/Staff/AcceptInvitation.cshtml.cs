using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Organisation.Staff;

/// <summary>
/// Open to anyone with the link: the person invited usually has no account yet. What the page offers
/// depends on who is looking, and the token alone never grants anything without a password.
/// </summary>
[AllowAnonymous]
public sealed class AcceptInvitationModel(StaffInvitations invitations, UserManager<AppUser> users, SignInManager<AppUser> signIn, CurrentUser current)
    : PageModel
{
    public enum Situation
    {
        NotUsable,
        SignedInAsInvitee,
        SignedInAsSomeoneElse,
        HasAccount,
        NeedsAccount,
    }

    [BindProperty]
    public AcceptInput Input { get; set; } = new();

    public Situation Now { get; private set; }
    public InvitationView? Invitation { get; private set; }
    public string Problem { get; private set; } = "";
    public string SignedInEmail { get; private set; } = "";

    /// <summary>Where sign-in sends them back to: this same invitation.</summary>
    public string ReturnUrl => Uri.EscapeDataString(Request.Path.Value ?? "/");

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    /// <summary>Someone already signed in with the invited email address accepts.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken ct)
    {
        ModelState.Clear();
        var user = await LoadAsync(token, ct);
        if (Now != Situation.SignedInAsInvitee || user is null)
        {
            return Page();
        }
        var (accepted, problem, _) = await invitations.AcceptAsync(Invitation!.Invitation.Id, user, null, ct);
        if (accepted is null)
        {
            ShowProblem(problem ?? "This invitation could not be accepted.");
            return Page();
        }
        // New roles must reach the cookie now, so two-step sign-in set-up is asked for straight away.
        await signIn.RefreshSignInAsync(accepted);
        return Redirect("/");
    }

    /// <summary>Someone without an account creates one and accepts in the same step.</summary>
    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (Now != Situation.NeedsAccount)
        {
            ModelState.Clear();
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (user, problem, errors) = await invitations.AcceptAsync(Invitation!.Invitation.Id, null, (Input.DisplayName, Input.Password), ct);
        if (user is null)
        {
            if (errors is not null)
            {
                foreach (var error in errors.Errors)
                {
                    var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "";
                    ModelState.AddModelError(field, error.Code is "DuplicateEmail" or "DuplicateUserName"
                        ? "An account with this email address already exists. Sign in first, then open the link again."
                        : error.Description);
                }
                return Page();
            }
            ShowProblem(problem ?? "This invitation could not be accepted.");
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }

    private async Task<AppUser?> LoadAsync(string token, CancellationToken ct)
    {
        Invitation = await invitations.FindAsync(token, ct);
        switch (Invitation?.State)
        {
            case null:
                ShowProblem("This invitation link is not right. Check you copied the whole link from the email, or ask your administrator to send a new invitation.");
                return null;
            case InvitationState.Used:
                ShowProblem("This invitation has already been used. If you accepted it, sign in as usual. If not, ask your administrator to send a new one.");
                return null;
            case InvitationState.Expired:
                ShowProblem("This invitation has expired. Invitations work for 7 days. Ask your administrator to send a new one.");
                return null;
        }
        var invitedEmail = users.NormalizeEmail(Invitation.Invitation.Email);
        if (current.IsSignedIn)
        {
            var user = await users.GetUserAsync(User);
            SignedInEmail = user?.Email ?? "";
            if (user is not null && user.NormalizedEmail == invitedEmail)
            {
                Now = Situation.SignedInAsInvitee;
                return user;
            }
            Now = Situation.SignedInAsSomeoneElse;
            return null;
        }
        Now = await users.FindByEmailAsync(Invitation.Invitation.Email ?? "") is null ? Situation.NeedsAccount : Situation.HasAccount;
        return null;
    }

    private void ShowProblem(string message)
    {
        Now = Situation.NotUsable;
        Problem = message;
    }
}

public sealed class AcceptInput
{
    [Required(ErrorMessage = "Enter your name")]
    [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Name must be 100 characters or fewer")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Create a password")]
    [StringLength(AccountsSetup.PasswordMaxLength, MinimumLength = AccountsSetup.PasswordMinLength,
        ErrorMessage = "Password must be between 8 and 128 characters")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
    public string ConfirmPassword { get; set; } = "";
}
