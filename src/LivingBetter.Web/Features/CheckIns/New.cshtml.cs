using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.CheckIns;

public sealed class NewModel(PersonAccess access, CheckInService checkIns, CurrentUser current) : PageModel
{
    [BindProperty]
    public NewCheckInInput Input { get; set; } = new();

    public WheelSettings Settings { get; private set; } = null!;

    public sealed class NewCheckInInput
    {
        [StringLength(Model.CheckIn.NoteMaxLength, ErrorMessage = "Note must be 2000 characters or fewer")]
        public string? Note { get; set; }

        public List<RatingField> Ratings { get; set; } = [];
    }

    public sealed class RatingField
    {
        public string? Domain { get; set; }
        public string? Value { get; set; }
        public bool WantsHelp { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, null, AccessLevel.Owner, "checkins.new.view", ct);
        if (grant is null)
        {
            return NotFound();
        }
        Settings = await checkIns.SettingsForAsync(grant.Person.Id, ct);
        Input.Ratings = Settings.Domains.Select(d => new RatingField { Domain = d.Key }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, null, AccessLevel.Owner, "checkins.create", ct);
        if (grant is null)
        {
            return NotFound();
        }
        Settings = await checkIns.SettingsForAsync(grant.Person.Id, ct);
        var ratings = new List<RatingInput>();
        for (var i = 0; i < Input.Ratings.Count; i++)
        {
            var field = Input.Ratings[i];
            var value = field.Value?.Trim();
            // Leaving a part of life unrated is a choice: it is recorded as skipped.
            if (string.IsNullOrEmpty(value) || value == "skip")
            {
                ratings.Add(new RatingInput(field.Domain, null, true, field.WantsHelp, null));
            }
            else if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                ratings.Add(new RatingInput(field.Domain, n, false, field.WantsHelp, null));
            }
            else
            {
                var name = Settings.Find(field.Domain)?.Name ?? "this part of life";
                ModelState.AddModelError($"Input.Ratings[{i}].Value", $"Rating for {name} must be a whole number from {Settings.Min} to {Settings.Max}");
                ratings.Add(new RatingInput(field.Domain, null, true, field.WantsHelp, null));
            }
        }
        var input = new CheckInInput(Input.Note, ratings);
        foreach (var problem in CheckInService.Validate(input, Settings))
        {
            ModelState.AddModelError(ToFormKey(problem.Field), problem.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await checkIns.SaveAsync(grant.Person.Id, current.RequiredId, input, Settings, ct);
        return Redirect("/check-ins/progress?saved=true");
    }

    private static string ToFormKey(string field) => field switch
    {
        "note" => "Input.Note",
        "ratings" => "",
        _ when field.StartsWith("ratings[", StringComparison.Ordinal) => "Input.Ratings" + field["ratings".Length..field.IndexOf(']', StringComparison.Ordinal)] + "].Value",
        _ => "",
    };
}
