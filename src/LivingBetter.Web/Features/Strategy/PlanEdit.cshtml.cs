using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

[PlanningAccess(PlanningRoles.DivisionLead, PlanningRoles.DivisionLead)]
public sealed class PlanEditModel(LivingBetterDbContext db) : PlanningPageModel
{
    private const string TooLong = " must be 4000 characters or fewer";

    public sealed class PlanInput
    {
        [StringLength(PlanningText.LongMax, ErrorMessage = "What wellbeing and recovery mean" + TooLong)]
        public string? WellbeingMeaning { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Stakeholders" + TooLong)]
        public string? Stakeholders { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Resources available" + TooLong)]
        public string? Resources { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.1 Workforce" + TooLong)]
        public string? WorkforceCapacity { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.2 Learning and development" + TooLong)]
        public string? StaffDevelopment { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.3 People who use services and carers" + TooLong)]
        public string? PeopleAndCarers { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.4 Stakeholders: what helps and what gets in the way" + TooLong)]
        public string? StakeholderBarriers { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.5 Other barriers" + TooLong)]
        public string? OtherBarriers { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.6 Chances to grow" + TooLong)]
        public string? Opportunities { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "4.7 Resources to start and keep going" + TooLong)]
        public string? ResourcesToSustain { get; set; }

        /// <summary>The plan version the form was loaded from, so a save over someone else's is caught.</summary>
        public int Version { get; set; }
    }

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public Division Division { get; private set; } = null!;
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid divisionId, CancellationToken ct)
    {
        if (!await LoadDivisionAsync(divisionId, ct))
        {
            return NotFound();
        }
        var plan = await db.Set<DivisionActionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.DivisionId == divisionId, ct);
        if (plan is not null)
        {
            Input = FromPlan(plan);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid divisionId, CancellationToken ct)
    {
        if (!await LoadDivisionAsync(divisionId, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var plan = await db.Set<DivisionActionPlan>().FirstOrDefaultAsync(p => p.DivisionId == divisionId, ct);
        if (plan is null)
        {
            plan = new DivisionActionPlan { Id = Guid.NewGuid(), OrganisationId = OrganisationId, DivisionId = divisionId, CreatedAt = Now };
            db.Add(plan);
        }
        else if (plan.Version != Input.Version)
        {
            return ShowConflict(plan);
        }
        plan.WellbeingMeaning = Tidy(Input.WellbeingMeaning);
        plan.Stakeholders = Tidy(Input.Stakeholders);
        plan.Resources = Tidy(Input.Resources);
        plan.WorkforceCapacity = Tidy(Input.WorkforceCapacity);
        plan.StaffDevelopment = Tidy(Input.StaffDevelopment);
        plan.PeopleAndCarers = Tidy(Input.PeopleAndCarers);
        plan.StakeholderBarriers = Tidy(Input.StakeholderBarriers);
        plan.OtherBarriers = Tidy(Input.OtherBarriers);
        plan.Opportunities = Tidy(Input.Opportunities);
        plan.ResourcesToSustain = Tidy(Input.ResourcesToSustain);
        plan.UpdatedAt = Now;
        plan.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<DivisionActionPlan>().AsNoTracking().FirstAsync(p => p.DivisionId == divisionId, ct);
            return ShowConflict(current);
        }
        catch (DbUpdateException)
        {
            // Two first saves of the same division's plan at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            var current = await db.Set<DivisionActionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.DivisionId == divisionId, ct);
            if (current is null)
            {
                throw;
            }
            return ShowConflict(current);
        }
        return Redirect($"/organisation-planning/divisions/{divisionId}");
    }

    /// <summary>Keeps what this person typed on screen, and lets them save again knowingly over the newer version.</summary>
    private PageResult ShowConflict(DivisionActionPlan current)
    {
        Conflict = true;
        ModelState.Clear();
        ModelState.AddModelError("", $"Someone else saved this plan on {Infrastructure.Wording.DateTime(current.UpdatedAt)} while you were editing. Your changes are below and have not been saved. Check the plan in another tab, then save again to replace it with your version");
        Input.Version = current.Version;
        return Page();
    }

    private static PlanInput FromPlan(DivisionActionPlan p) => new()
    {
        WellbeingMeaning = p.WellbeingMeaning,
        Stakeholders = p.Stakeholders,
        Resources = p.Resources,
        WorkforceCapacity = p.WorkforceCapacity,
        StaffDevelopment = p.StaffDevelopment,
        PeopleAndCarers = p.PeopleAndCarers,
        StakeholderBarriers = p.StakeholderBarriers,
        OtherBarriers = p.OtherBarriers,
        Opportunities = p.Opportunities,
        ResourcesToSustain = p.ResourcesToSustain,
        Version = p.Version,
    };

    private async Task<bool> LoadDivisionAsync(Guid divisionId, CancellationToken ct)
    {
        var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == divisionId && d.OrganisationId == OrganisationId, ct);
        Division = division!;
        return division is not null;
    }
}
