using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Accounts;

/// <summary>The account's own API tokens: list, make, and a link to revoke each (ADR 0013, amended 2026-12-07).</summary>
public sealed class ApiTokensModel(ApiTokenService tokens, CurrentUser current, PersonAccess people) : PageModel
{
    [BindProperty]
    public ApiTokenInput Input { get; set; } = new();

    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];
    public NewApiToken? Made { get; private set; }
    public string? Done { get; private set; }

    /// <summary>Whose records the account may see now, for limiting a token to one of them.</summary>
    public IReadOnlyList<VisiblePerson> People { get; private set; } = [];

    /// <summary>Only someone who can see another person's record has a choice of whose records a token reaches.</summary>
    public bool ChoosesPerson => People.Any(p => !p.IsMe);

    /// <summary>Staff (who can see other people's records) signed in without their second factor: no token until they do.</summary>
    public bool NeedsSecondFactor => Roles.RequireTwoFactor.Any(User.IsInRole) && !SignedInWithSecondFactor;

    private bool SignedInWithSecondFactor => User.HasClaim("amr", "mfa");

    public static string AccessWords(ApiTokenAccess access) => access switch
    {
        ApiTokenAccess.Read => "Read what you can see",
        _ => "Read, and send what you could send",
    };

    /// <summary>The parts as the form offers them, in the order the sharing pages use.</summary>
    public static readonly IReadOnlyList<SharedPart> PartChoices = [SharedPart.CrisisPlan, SharedPart.StayingWellPlan, SharedPart.WellbeingPlan, SharedPart.CheckIns];

    public static string PartWords(SharedPart part) => part switch
    {
        SharedPart.CrisisPlan => "Crisis plan",
        SharedPart.StayingWellPlan => "Staying-well plan, with its crisis plan",
        SharedPart.WellbeingPlan => "Wellbeing plan",
        _ => "Check-ins and completed questionnaires",
    };

    /// <summary>Whose records a token reaches, in a sentence for its list entry.</summary>
    public static string RecordsWords(ApiTokenView t) =>
        t.Scope.PersonId is null ? "Every record you can see"
        : t.PersonName is { } name ? $"Only the record of {name}"
        : "Only one record, which is no longer there";

    /// <summary>Which parts a token reaches, for its list entry; a staying-well plan's crisis plan goes without saying.</summary>
    public static string PartsWords(TokenScope scope) =>
        scope.Parts is not { } parts ? "Every part"
        : string.Join("; ", PartChoices.Where(parts.Contains)
            .Where(p => p != SharedPart.CrisisPlan || !parts.Contains(SharedPart.StayingWellPlan)).Select(PartWords));

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        People = await people.VisiblePeopleAsync(ct);
        Tokens = await tokens.ListAsync(current.RequiredId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        People = await people.VisiblePeopleAsync(ct);
        if (!NeedsSecondFactor)
        {
            var access = EnumNames.Parse<ApiTokenAccess>(Input.Access);
            int? days = int.TryParse(Input.LifetimeDays, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
            // An unticked box sends nothing, and binding would then keep the default of every part: read what was sent.
            Input.Parts = [.. Request.Form["Input.Parts"].OfType<string>()];
            var request = new ApiTokenRequest(Input.Name, access, days, Input.Person, Input.Parts);
            var (made, problems) = await tokens.CreateAsync(current.RequiredId, request, People, SignedInWithSecondFactor, ct);
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

    /// <summary><see cref="ApiTokenService.EveryRecord"/>, or one person's id.</summary>
    public string? Person { get; set; } = ApiTokenService.EveryRecord;

    /// <summary>Every part, until the holder leaves some out.</summary>
    public List<string> Parts { get; set; } = [.. ApiTokensModel.PartChoices.Select(p => p.ToString())];
}
