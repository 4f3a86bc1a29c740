using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// Where a person claims the record staff started with them: they type the code from their letter, or
/// open the link. Anyone may open it; wrong codes count towards a lockout of the address.
/// </summary>
[AllowAnonymous]
public sealed class ClaimModel(StartedRecordsService records, ClaimThrottle throttle, CurrentUser current, UserManager<AppUser> users,
    SignInManager<AppUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty]
    public ClaimAccountInput Input { get; set; } = new();

    [BindProperty]
    public string? EnteredCode { get; set; }

    public ClaimState? State { get; private set; }
    public FoundClaim? Found { get; private set; }
    public string? Problem { get; private set; }
    public bool SignedIn => current.IsSignedIn;
    public string? Code { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (code is null)
        {
            return Page();
        }
        if (await TooManyAsync(ct) is { } wait)
        {
            return wait;
        }
        await LoadAsync(code, ct);
        if (Found?.PersonName is { } name && string.IsNullOrEmpty(Input.DisplayName))
        {
            Input.DisplayName = name;
        }
        return Page();
    }

    /// <summary>The code typed from a letter: a wrong one is a field error, a right one goes to its own address.</summary>
    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (await TooManyAsync(ct) is { } wait)
        {
            return wait;
        }
        if (string.IsNullOrWhiteSpace(EnteredCode))
        {
            ModelState.AddModelError(nameof(EnteredCode), "Enter the code from your letter or email");
            return Page();
        }
        var found = await records.FindAsync(EnteredCode, ct);
        if (found.State == ClaimState.NotFound)
        {
            await throttle.FailedAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            ModelState.AddModelError(nameof(EnteredCode), "That code is not right. Check it against your letter and try again; it has 12 letters and numbers");
            return Page();
        }
        return Redirect($"/claim/{ClaimCodes.Format(ClaimCodes.Normalise(EnteredCode)!)}");
    }

    public async Task<IActionResult> OnPostAcceptAsync(string? code, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TooManyAsync(ct) is { } wait)
        {
            return wait;
        }
        var found = await LoadAsync(code, ct);
        if (found is null)
        {
            return Page();
        }
        if (!current.IsSignedIn)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(Request.Path)}");
        }
        var userId = current.RequiredId;
        var (result, _) = await records.ClaimAsync(found.Id, () => Task.FromResult<Guid?>(userId), ct);
        return await AfterAsync(result, userId, code!, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? code, CancellationToken ct)
    {
        if (await TooManyAsync(ct) is { } wait)
        {
            return wait;
        }
        var found = await LoadAsync(code, ct);
        if (found is null || current.IsSignedIn || !ModelState.IsValid)
        {
            return Page();
        }
        var (result, userId) = await records.ClaimAsync(found.Id, CreateAccountAsync, ct);
        return result == ClaimResult.AccountNotCreated ? Page() : await AfterAsync(result, userId!.Value, code!, ct);
    }

    private async Task<IActionResult> AfterAsync(ClaimResult result, Guid userId, string code, CancellationToken ct)
    {
        switch (result)
        {
            case ClaimResult.Claimed:
                var user = await users.FindByIdAsync(userId.ToString());
                // A fresh cookie carries the Person role; access itself is still decided on every request.
                await signIn.SignInAsync(user!, isPersistent: false);
                return Redirect("/my-record?claimed=true");
            case ClaimResult.AlreadyHasRecord:
                Problem = "Your account already has its own record, and LivingBetter cannot join two records together. " +
                    "Ask the team who gave you this code to cancel it if you do not need it, or sign out and create a new account with this code.";
                break;
            case ClaimResult.StaffOfTeam:
                Problem = "You work in the team that started this record, so you cannot claim it. Give the code to the person it was made for.";
                break;
            default:
                await LoadAsync(code, ct);
                break;
        }
        return Page();
    }

    private async Task<IActionResult?> TooManyAsync(CancellationToken ct)
    {
        if (await throttle.WaitAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), ct) is not { } wait)
        {
            return null;
        }
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        ModelState.AddModelError(nameof(EnteredCode), $"There have been too many wrong codes. Wait {Wording.Duration(wait)} and try again.");
        var page = Page();
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    private async Task<Invitation?> LoadAsync(string? code, CancellationToken ct)
    {
        Found = await records.FindAsync(code, ct);
        State = Found.State;
        if (Found.State == ClaimState.NotFound)
        {
            // Only a code that was tried counts as a guess.
            if (!string.IsNullOrWhiteSpace(code))
            {
                await throttle.FailedAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            }
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        Code = ClaimCodes.Format(ClaimCodes.Normalise(code)!);
        return Found.State == ClaimState.Usable ? Found.Invitation : null;
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
}

/// <summary>The new account of someone claiming their record: the same fields and rules as registering.</summary>
public sealed class ClaimAccountInput : Accounts.NewAccountInput;
