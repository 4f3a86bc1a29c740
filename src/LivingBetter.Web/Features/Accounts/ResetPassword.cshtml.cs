using System.ComponentModel.DataAnnotations;
using System.Text;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace LivingBetter.Web.Features.Accounts;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public void OnGet(string? email, string? token)
    {
        Input.Email = email ?? "";
        Input.Token = token ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Token));
        }
        catch (FormatException)
        {
            token = "";
        }
        if (user is null || token.Length == 0)
        {
            ModelState.AddModelError("", ExpiredLink);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : "Input.Password",
                    error.Code == "InvalidToken" ? ExpiredLink : error.Description);
            }
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return Redirect("/account/sign-in?reset=true");
    }

    private const string ExpiredLink = "This link has expired or has already been used. Ask for a new one from the \"I have forgotten my password\" page.";
}

public sealed class ResetInput
{
    [Required(ErrorMessage = "The link is missing your email address. Ask for a new link.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "The link is incomplete. Ask for a new link.")]
    [StringLength(2000)]
    public string Token { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(AccountsSetup.PasswordMaxLength, MinimumLength = AccountsSetup.PasswordMinLength,
        ErrorMessage = "Password must be between 8 and 128 characters")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
    public string ConfirmPassword { get; set; } = "";
}
