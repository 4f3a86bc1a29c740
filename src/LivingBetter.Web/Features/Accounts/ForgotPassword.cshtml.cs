using System.ComponentModel.DataAnnotations;
using System.Text;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace LivingBetter.Web.Features.Accounts;

[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, IEmailSender email, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Throttled like sign-in so the form cannot be used to flood someone's inbox. The page says
        // the same thing whether or not the account exists, so it cannot be used to find accounts.
        var allowed = throttle.Attempt(HttpContext.Connection.RemoteIpAddress?.ToString(), "reset:" + Input.Email) is null;
        var user = allowed ? await users.FindByEmailAsync(Input.Email.Trim()) : null;
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var link = $"{Request.Scheme}://{Request.Host}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={encoded}";
            await email.SendAsync(new EmailMessage(user.Email!, "Choose a new LivingBetter password",
                $"Hello {user.DisplayName},\n\nSomeone asked to reset the password for your LivingBetter account. " +
                $"If it was you, open this link to choose a new password:\n\n{link}\n\n" +
                "If it was not you, you can ignore this email: your password has not changed.\n"), ct);
        }
        Sent = true;
        return Page();
    }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string Email { get; set; } = "";
}
