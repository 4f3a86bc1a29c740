using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static LivingBetter.Web.Features.Sharing.SharingService;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>Anyone holding the link may open it: it is how a supporter without an account arrives.</summary>
[AllowAnonymous]
public sealed class AcceptInvitationModel(SharingService sharing, CurrentUser current, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty]
    public SupporterAccountInput Input { get; set; } = new();

    public InvitationState State { get; private set; }
    public string PersonName { get; private set; } = "";
    public string Relationship { get; private set; } = "";
    public string? Problem { get; private set; }
    public bool SignedIn => current.IsSignedIn;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken ct)
    {
        var found = await LoadAsync(token, ct);
        if (found is null)
        {
            return Page();
        }
        if (!current.IsSignedIn)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(Request.Path)}");
        }
        var userId = current.RequiredId;
        var (result, _) = await sharing.AcceptAsync(found, () => Task.FromResult<Guid?>(userId), AddRoleAsync, ct);
        return await AfterAsync(result, userId, token, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string token, CancellationToken ct)
    {
        var found = await LoadAsync(token, ct);
        if (found is null)
        {
            return Page();
        }
        if (current.IsSignedIn || !ModelState.IsValid)
        {
            return Page();
        }
        var (result, userId) = await sharing.AcceptAsync(found, CreateAccountAsync, AddRoleAsync, ct);
        if (result == AcceptResult.AccountNotCreated)
        {
            return Page();
        }
        return await AfterAsync(result, userId!.Value, token, ct);
    }

    private async Task<IActionResult> AfterAsync(AcceptResult result, Guid userId, string token, CancellationToken ct)
    {
        switch (result)
        {
            case AcceptResult.Accepted:
                var user = await users.FindByIdAsync(userId.ToString());
                // A fresh cookie carries the new Supporter role; access itself is still decided per request.
                await signIn.SignInAsync(user!, isPersistent: false);
                return Redirect("/supporting?accepted=true");
            case AcceptResult.OwnInvitation:
                Problem = "This is your own invitation. Send the link to the person you want to support you.";
                break;
            case AcceptResult.AlreadySupporter:
                Problem = $"You already support {PersonName}. There is nothing more to do.";
                break;
            default:
                await LoadAsync(token, ct);
                break;
        }
        return Page();
    }

    private async Task<Guid?> CreateAccountAsync()
    {
        var user = new AppUser
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
                var message = error.Code is "DuplicateEmail" or "DuplicateUserName"
                    ? "An account with this email address already exists. Sign in instead, then open this link again"
                    : error.Description;
                if (!ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
                {
                    ModelState.AddModelError(field, message);
                }
            }
            return null;
        }
        return user.Id;
    }

    private async Task<bool> AddRoleAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }
        return await users.IsInRoleAsync(user, Roles.Supporter) || (await users.AddToRoleAsync(user, Roles.Supporter)).Succeeded;
    }

    private async Task<Invitation?> LoadAsync(string token, CancellationToken ct)
    {
        var found = await sharing.FindSupporterInvitationAsync(token, ct);
        State = found.State;
        if (found.State == InvitationState.NotFound)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        if (found.State != InvitationState.Usable)
        {
            return null;
        }
        PersonName = found.PersonName ?? "";
        Relationship = found.Invitation!.Relationship ?? "";
        return found.Invitation;
    }
}

/// <summary>A supporter's new account: the same fields and rules as registering.</summary>
public sealed class SupporterAccountInput : Accounts.NewAccountInput;
