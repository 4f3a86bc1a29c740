using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

/// <summary>Adding and changing a SMART action share one page so their rules cannot drift apart.</summary>
[PlanningAccess(PlanningRoles.DivisionLead, PlanningRoles.DivisionLead)]
public sealed class ActionModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed class ActionInput
    {
        [Required(ErrorMessage = "Enter what exactly will be done")]
        [StringLength(PlanningText.LongMax, ErrorMessage = "What will be done must be 4000 characters or fewer")]
        public string? Specific { get; set; }

        [Required(ErrorMessage = "Enter how you will measure it")]
        [StringLength(PlanningText.LongMax, ErrorMessage = "How you will measure it must be 4000 characters or fewer")]
        public string? Measure { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Why it is achievable and realistic must be 4000 characters or fewer")]
        public string? AchievableNote { get; set; }

        [Required(ErrorMessage = "Enter who owns this action")]
        [StringLength(PlanningText.ShortMax, ErrorMessage = "Owner must be 200 characters or fewer")]
        public string? Owner { get; set; }

        [Required(ErrorMessage = "Enter the due date")]
        public string? DueOn { get; set; }

        [Required(ErrorMessage = "Choose a status")]
        public WorkStatus? Status { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Progress notes must be 4000 characters or fewer")]
        public string? ProgressNotes { get; set; }
    }

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public Division Division { get; private set; } = null!;
    public bool IsNew { get; private set; }
    public IEnumerable<SelectListItem> StatusItems => PlanningWords.StatusItems();

    public async Task<IActionResult> OnGetAsync(Guid divisionId, Guid? actionId, CancellationToken ct)
    {
        var (found, action) = await LoadAsync(divisionId, actionId, ct);
        if (!found)
        {
            return NotFound();
        }
        Input = action is null
            ? new ActionInput { Status = WorkStatus.NotStarted }
            : new ActionInput
            {
                Specific = action.Specific,
                Measure = action.Measure,
                AchievableNote = action.AchievableNote,
                Owner = action.Owner,
                DueOn = DateValue(action.DueOn),
                Status = action.Status,
                ProgressNotes = action.ProgressNotes,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid divisionId, Guid? actionId, CancellationToken ct)
    {
        var (found, action) = await LoadAsync(divisionId, actionId, ct);
        if (!found)
        {
            return NotFound();
        }
        DateOnly due = default;
        if (!string.IsNullOrWhiteSpace(Input.DueOn))
        {
            if (!TryParseDate(Input.DueOn, out due))
            {
                ModelState.AddModelError("Input.DueOn", "Due date must be a real date, like 24/11/2026");
            }
            // A new action due today or earlier is already late before anyone starts it. An existing
            // one may keep its date, so an overdue action can still be updated honestly.
            else if (due <= Today && (action is null || AtMidnight(due) != action.DueOn))
            {
                ModelState.AddModelError("Input.DueOn", "Due date must be in the future");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (action is null)
        {
            var plan = await db.Set<DivisionActionPlan>().FirstOrDefaultAsync(p => p.DivisionId == divisionId, ct);
            if (plan is null)
            {
                // Actions can come before the written plan; the plan is made empty, in the same save.
                plan = new DivisionActionPlan { Id = Guid.NewGuid(), OrganisationId = OrganisationId, DivisionId = divisionId, CreatedAt = Now, UpdatedAt = Now };
                db.Add(plan);
            }
            action = new SmartAction { Id = Guid.NewGuid(), PlanId = plan.Id, CreatedAt = Now };
            db.Add(action);
        }
        action.Specific = Tidy(Input.Specific);
        action.Measure = Tidy(Input.Measure);
        action.AchievableNote = Tidy(Input.AchievableNote);
        action.Owner = Tidy(Input.Owner);
        action.DueOn = AtMidnight(due);
        action.Status = Input.Status!.Value;
        action.ProgressNotes = Tidy(Input.ProgressNotes);
        action.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/divisions/{divisionId}");
    }

    private async Task<(bool Found, SmartAction? Action)> LoadAsync(Guid divisionId, Guid? actionId, CancellationToken ct)
    {
        var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == divisionId && d.OrganisationId == OrganisationId, ct);
        if (division is null)
        {
            return (false, null);
        }
        Division = division;
        IsNew = actionId is null;
        if (actionId is null)
        {
            return (true, null);
        }
        var action = await db.Set<SmartAction>().FirstOrDefaultAsync(a => a.Id == actionId && a.Plan!.DivisionId == divisionId, ct);
        return (action is not null, action);
    }
}
