using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.CheckIns;

public sealed class HowOftenModel(PersonAccess access, CheckInService checkIns) : PageModel
{
    [BindProperty]
    public FrequencyInput Input { get; set; } = new();

    public sealed class FrequencyInput
    {
        [Required(ErrorMessage = "Choose how often you would like to check in")]
        [Display(Name = "How often would you like to check in?")]
        public int? EveryDays { get; set; }
    }

    public IEnumerable<SelectListItem> Options =>
        CheckInService.Frequencies.Select(f => new SelectListItem(f.Text, f.Days.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, null, AccessLevel.Owner, "checkins.frequency.view", ct);
        if (grant is null)
        {
            return NotFound();
        }
        Input.EveryDays = (await checkIns.DueAsync(grant.Person.Id, ct)).EveryDays ?? 28;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, null, AccessLevel.Owner, "checkins.frequency.change", ct);
        if (grant is null)
        {
            return NotFound();
        }
        if (Input.EveryDays is { } d && CheckInService.Frequencies.All(f => f.Days != d))
        {
            ModelState.AddModelError("Input.EveryDays", "Choose one of the options for how often to check in");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await checkIns.SetFrequencyAsync(grant.Person.Id, Input.EveryDays!.Value, ct);
        return Redirect("/check-ins");
    }
}
