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
public sealed class SignInModel(SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "reset")]
    public bool PasswordWasReset { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var wait = throttle.Attempt(HttpContext.Connection.RemoteIpAddress?.ToString(), Input.Email);
        if (wait is { } retryAfter)
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError("", $"There have been too many attempts to sign in. Wait {Wording.Duration(retryAfter)} and try again.");
            var page = Page();
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("TwoFactor", new { ReturnUrl = SafeReturnUrl(ReturnUrl) });
        }
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "This account is locked for 15 minutes because of repeated failed attempts to sign in. You can reset your password or try again later.");
            return Page();
        }
        ModelState.AddModelError("Input.Email", "The email address or password is not right");
        return Page();
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password")]
    [StringLength(AccountsSetup.PasswordMaxLength, ErrorMessage = "Password must be 128 characters or fewer")]
    public string Password { get; set; } = "";
}
