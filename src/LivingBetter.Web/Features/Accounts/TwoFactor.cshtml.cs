using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty]
    public RecoveryInput Recovery { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        ValidateOnly(Input, nameof(Input));
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }
        if (Throttled(user) is { } tooMany)
        {
            return tooMany;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        return Outcome(result, "Input.Code", "The security code is not right, or it has already been used. Wait for a new code and try again");
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        ValidateOnly(Recovery, nameof(Recovery));
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }
        if (Throttled(user) is { } tooMany)
        {
            return tooMany;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Recovery.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        return Outcome(result, "Recovery.RecoveryCode", "That recovery code is not right, or it has already been used");
    }

    /// <summary>
    /// Each form posts one of the two inputs. The other is absent, and model binding then falls back
    /// to the empty prefix, so its errors appear under keys like "RecoveryCode" that removing
    /// "Recovery.RecoveryCode" does not catch: validate only what this form posted.
    /// </summary>
    private void ValidateOnly(object input, string prefix)
    {
        ModelState.Clear();
        TryValidateModel(input, prefix);
    }

    private IActionResult? Throttled(AppUser user)
    {
        if (throttle.Attempt(HttpContext.Connection.RemoteIpAddress?.ToString(), user.Email) is not { } wait)
        {
            return null;
        }
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        ModelState.AddModelError("", $"There have been too many attempts. Wait {Wording.Duration(wait)} and try again.");
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }

    private IActionResult Outcome(Microsoft.AspNetCore.Identity.SignInResult result, string field, string wrongMessage)
    {
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "This account is locked for 15 minutes because of repeated failed attempts. Try again later.");
            return Page();
        }
        ModelState.AddModelError(field, wrongMessage);
        return Page();
    }
}

public sealed class CodeInput
{
    [Required(ErrorMessage = "Enter the 6-digit security code")]
    [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
    public string Code { get; set; } = "";
}

public sealed class RecoveryInput
{
    [Required(ErrorMessage = "Enter a recovery code")]
    [StringLength(40, ErrorMessage = "A recovery code is shorter than that")]
    public string RecoveryCode { get; set; } = "";
}
