using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

[AllowAnonymous]
public sealed class RegisterModel(AccountService accounts, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (user, result) = await accounts.RegisterPersonAsync(Input.DisplayName, Input.Email, Input.Password, ct);
        if (user is null)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" ? "Input.Email"
                    : "";
                var message = error.Code is "DuplicateEmail" or "DuplicateUserName"
                    ? "An account with this email address already exists. Sign in, or reset your password if you have forgotten it."
                    : error.Description;
                if (!ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
                {
                    ModelState.AddModelError(field, message);
                }
            }
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/?welcome=true");
    }
}

/// <summary>
/// The fields of a new account, with their rules and messages in one place. Registering and accepting an
/// invitation both build on it.
/// </summary>
public class NewAccountInput
{
    [Required(ErrorMessage = "Enter what we should call you")]
    [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Name must be 100 characters or fewer")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Create a password")]
    [StringLength(AccountsSetup.PasswordMaxLength, MinimumLength = AccountsSetup.PasswordMinLength,
        ErrorMessage = "Password must be between 8 and 128 characters")]
    public string Password { get; set; } = "";
}

public sealed class RegisterInput : NewAccountInput
{
    [Required(ErrorMessage = "Type the password again")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
    public string ConfirmPassword { get; set; } = "";
}
