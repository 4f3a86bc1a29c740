using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

/// <summary>Asks before revoking one of the account's own tokens; anyone else's is "not found".</summary>
public sealed class RevokeApiTokenModel(ApiTokenService tokens, CurrentUser current) : PageModel
{
    public ApiTokenView? Token { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Token = await tokens.FindActiveAsync(current.RequiredId, id, ct);
        return Token is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await tokens.RevokeAsync(current.RequiredId, id, ct) ? Redirect("/account/api-tokens?done=revoked") : NotFound();
}
