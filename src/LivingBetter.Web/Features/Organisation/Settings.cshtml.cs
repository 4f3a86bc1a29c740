using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OrganisationEntity = LivingBetter.Web.Model.Organisation;

namespace LivingBetter.Web.Features.Organisation;

public sealed class SettingsModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Scope.OrganisationId, ct);
        Input = new SettingsInput
        {
            Name = org.Name,
            StayingWellPlanLabel = org.StayingWellPlanLabel,
            WheelScaleMin = org.WheelScaleMin,
            WheelScaleMax = org.WheelScaleMax,
            WheelScaleLowLabel = org.WheelScaleLowLabel,
            WheelScaleHighLabel = org.WheelScaleHighLabel,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // "ten" or "5.5" fails binding with a message about types; say what a person needs to type.
        ReplaceBindingError("Input.WheelScaleMin", "Lowest rating must be a whole number from 1 to 100");
        ReplaceBindingError("Input.WheelScaleMax", "Highest rating must be a whole number from 1 to 100");
        var name = Tidy(Input.Name);
        var label = Tidy(Input.StayingWellPlanLabel);
        if (ModelState.IsValid && name.Length == 0)
        {
            ModelState.AddModelError("Input.Name", "Enter the organisation's name");
        }
        if (Input.WheelScaleMin is { } min && Input.WheelScaleMax is { } max && min >= max
            && ModelState["Input.WheelScaleMin"]?.Errors.Count is null or 0 && ModelState["Input.WheelScaleMax"]?.Errors.Count is null or 0)
        {
            ModelState.AddModelError("Input.WheelScaleMax", "Highest rating must be more than the lowest rating");
        }
        var orgId = Scope.OrganisationId;
        var lowered = name.ToLower();
        if (ModelState.IsValid && await db.Organisations.AnyAsync(o => o.Id != orgId && o.Name.ToLower() == lowered, ct))
        {
            ModelState.AddModelError("Input.Name", "Another organisation already uses this name. Enter a different name");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var org = await db.Organisations.SingleAsync(o => o.Id == orgId, ct);
        org.Name = name;
        org.StayingWellPlanLabel = label.Length == 0 ? OrganisationEntity.DefaultStayingWellPlanLabel : label;
        org.WheelScaleMin = Input.WheelScaleMin!.Value;
        org.WheelScaleMax = Input.WheelScaleMax!.Value;
        org.WheelScaleLowLabel = Tidy(Input.WheelScaleLowLabel);
        org.WheelScaleHighLabel = Tidy(Input.WheelScaleHighLabel);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", "Another organisation already uses this name. Enter a different name");
            return Page();
        }
        TempData["Success"] = "Your settings have been saved.";
        return Redirect("/organisation/settings");
    }
}

public sealed class SettingsInput
{
    public const int LabelMaxLength = 60;

    [Required(ErrorMessage = "Enter the organisation's name")]
    [StringLength(OrganisationEntity.NameMaxLength, ErrorMessage = "Organisation name must be 120 characters or fewer")]
    public string Name { get; set; } = "";

    [StringLength(LabelMaxLength, ErrorMessage = "Name of the staying-well plan must be 60 characters or fewer")]
    public string? StayingWellPlanLabel { get; set; }

    [Required(ErrorMessage = "Enter the lowest rating, a whole number from 1 to 100")]
    [Range(1, 100, ErrorMessage = "Lowest rating must be a whole number from 1 to 100")]
    public int? WheelScaleMin { get; set; }

    [Required(ErrorMessage = "Enter the highest rating, a whole number from 1 to 100")]
    [Range(1, 100, ErrorMessage = "Highest rating must be a whole number from 1 to 100")]
    public int? WheelScaleMax { get; set; }

    [Required(ErrorMessage = "Enter what the lowest rating means")]
    [StringLength(LabelMaxLength, ErrorMessage = "What the lowest rating means must be 60 characters or fewer")]
    public string WheelScaleLowLabel { get; set; } = "";

    [Required(ErrorMessage = "Enter what the highest rating means")]
    [StringLength(LabelMaxLength, ErrorMessage = "What the highest rating means must be 60 characters or fewer")]
    public string WheelScaleHighLabel { get; set; } = "";
}
