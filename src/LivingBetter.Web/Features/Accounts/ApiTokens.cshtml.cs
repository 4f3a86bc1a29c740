using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

/// <summary>The account's own API tokens: list, make, and a link to revoke each (ADR 0013, amended 2026-12-07).</summary>
public sealed class ApiTokensModel(ApiTokenService tokens, CurrentUser current) : PageModel
{
    [BindProperty]
    public ApiTokenInput Input { get; set; } = new();

    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];
    public NewApiToken? Made { get; private set; }
    public string? Done { get; private set; }

    /// <summary>Staff (who can see other people's records) signed in without their second factor: no token until they do.</summary>
    public bool NeedsSecondFactor => Roles.RequireTwoFactor.Any(User.IsInRole) && !SignedInWithSecondFactor;

    private bool SignedInWithSecondFactor => User.HasClaim("amr", "mfa");

    public static string AccessWords(ApiTokenAccess access) => access switch
    {
        ApiTokenAccess.Read => "Read what you can see",
        _ => "Read, and send what you could send",
    };

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        Tokens = await tokens.ListAsync(current.RequiredId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!NeedsSecondFactor)
        {
            ApiTokenAccess? access = Enum.TryParse<ApiTokenAccess>(Input.Access, ignoreCase: false, out var a) && Enum.IsDefined(a) && !int.TryParse(Input.Access, out _) ? a : null;
            int? days = int.TryParse(Input.LifetimeDays, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
            var (made, problems) = await tokens.CreateAsync(current.RequiredId, Input.Name, access, days, SignedInWithSecondFactor, ct);
            // The form's own rules replace whatever model binding said about the same fields.
            ModelState.Clear();
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }
            if (made is not null)
            {
                Made = made;
                Input = new ApiTokenInput();
            }
        }
        Tokens = await tokens.ListAsync(current.RequiredId, ct);
        return Page();
    }
}

/// <summary>The form's fields as sent: parsed and checked by <see cref="ApiTokenService.CreateAsync"/>, which names each problem.</summary>
public sealed class ApiTokenInput
{
    public string? Name { get; set; }
    public string? Access { get; set; } = nameof(ApiTokenAccess.Read);
    public string? LifetimeDays { get; set; } = ApiTokenService.DefaultLifetimeInDays.ToString(CultureInfo.InvariantCulture);
}
