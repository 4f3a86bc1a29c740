using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class IndexModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed class PhaseInput
    {
        [Required(ErrorMessage = "Choose the phase the strategy is in")]
        public StrategyPhase? Phase { get; set; }
    }

    [BindProperty]
    public PhaseInput Input { get; set; } = new();

    public StrategyPhase? CurrentPhase { get; private set; }
    public IReadOnlyList<StrategyTask> Tasks { get; private set; } = [];
    public DateOnly TodayDate => Today;
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Phase = CurrentPhase;
    }

    public async Task<IActionResult> OnPostPhaseAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var progress = await db.Set<StrategyProgress>().FirstOrDefaultAsync(p => p.OrganisationId == OrganisationId, ct);
        if (progress is null)
        {
            progress = new StrategyProgress { OrganisationId = OrganisationId };
            db.Add(progress);
        }
        progress.CurrentPhase = Input.Phase!.Value;
        progress.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/strategy");
    }

    /// <summary>
    /// Fills an empty strategy with the suggested tasks, on request only: an organisation may have
    /// its own plan, and tasks appearing by themselves would look like someone else's decisions.
    /// </summary>
    public async Task<IActionResult> OnPostSuggestedAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (await db.Set<StrategyTask>().AnyAsync(t => t.OrganisationId == OrganisationId, ct))
        {
            ModelState.AddModelError("", "The suggested tasks can only be added to an empty strategy. Add further tasks one at a time");
            await LoadAsync(ct);
            return Page();
        }
        var order = 0;
        db.AddRange(DivisionPlanParts.SuggestedTasks.Select(t => new StrategyTask
        {
            Id = Guid.NewGuid(),
            OrganisationId = OrganisationId,
            Phase = t.Phase,
            Title = t.Title,
            Owner = "",
            Status = WorkStatus.NotStarted,
            Order = ++order,
            CreatedAt = Now,
        }));
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/strategy");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CurrentPhase = await db.Set<StrategyProgress>().Where(p => p.OrganisationId == OrganisationId)
            .Select(p => (StrategyPhase?)p.CurrentPhase).FirstOrDefaultAsync(ct);
        Tasks = await db.Set<StrategyTask>().AsNoTracking().Where(t => t.OrganisationId == OrganisationId)
            .OrderBy(t => t.Order).ThenBy(t => t.CreatedAt).ToListAsync(ct);
    }
}
