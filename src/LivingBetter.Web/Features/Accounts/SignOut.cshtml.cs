using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "done")]
    public bool SignedOut { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true || SignedOut ? Page() : Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/sign-out?done=true");
    }
}
