using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

public sealed class SecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool MayTurnOff { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []).ToList();
            RecoveryCodesLeft = RecoveryCodes.Count;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!MayTurnOff)
        {
            Message = "Two-factor sign-in must stay on for your role.";
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        Message = "Two-factor sign-in is off.";
        return Page();
    }

    private async Task<AppUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        var roles = await users.GetRolesAsync(user);
        MayTurnOff = !roles.Any(Roles.RequireTwoFactor.Contains);
        return user;
    }
}
