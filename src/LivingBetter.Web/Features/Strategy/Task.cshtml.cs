using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Strategy;

/// <summary>Adding and changing a strategy task share one page; "add" is the same form with no id.</summary>
public sealed class TaskModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed class TaskInput
    {
        [Required(ErrorMessage = "Choose the phase")]
        public StrategyPhase? Phase { get; set; }

        [Required(ErrorMessage = "Enter the task")]
        [StringLength(PlanningText.ShortMax, ErrorMessage = "Task must be 200 characters or fewer")]
        public string? Title { get; set; }

        [StringLength(PlanningText.ShortMax, ErrorMessage = "Owner must be 200 characters or fewer")]
        public string? Owner { get; set; }

        public string? DueOn { get; set; }

        [Required(ErrorMessage = "Choose a status")]
        public WorkStatus? Status { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Notes must be 4000 characters or fewer")]
        public string? Notes { get; set; }
    }

    [BindProperty]
    public TaskInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? taskId, StrategyPhase? phase, CancellationToken ct)
    {
        var (found, task) = await LoadAsync(taskId, ct);
        if (!found)
        {
            return NotFound();
        }
        Input = task is null
            ? new TaskInput { Phase = phase ?? StrategyPhase.Activate, Status = WorkStatus.NotStarted }
            : new TaskInput { Phase = task.Phase, Title = task.Title, Owner = task.Owner, DueOn = DateValue(task.DueOn), Status = task.Status, Notes = task.Notes };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? taskId, CancellationToken ct)
    {
        var (found, task) = await LoadAsync(taskId, ct);
        if (!found)
        {
            return NotFound();
        }
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(Input.DueOn))
        {
            if (TryParseDate(Input.DueOn, out var d))
            {
                due = d;
            }
            else
            {
                ModelState.AddModelError("Input.DueOn", "Due date must be a real date, like 24/11/2026");
            }
        }
        if (string.IsNullOrWhiteSpace(Input.Title) && !ModelState.ContainsKey("Input.Title"))
        {
            ModelState.AddModelError("Input.Title", "Enter the task");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (task is null)
        {
            var last = await db.Set<StrategyTask>().Where(t => t.OrganisationId == OrganisationId).MaxAsync(t => (int?)t.Order, ct) ?? 0;
            task = new StrategyTask { Id = Guid.NewGuid(), OrganisationId = OrganisationId, CreatedAt = Now, Order = last + 1 };
            db.Add(task);
        }
        task.Phase = Input.Phase!.Value;
        task.Title = Tidy(Input.Title);
        task.Owner = Tidy(Input.Owner);
        task.DueOn = due is { } x ? AtMidnight(x) : null;
        task.Status = Input.Status!.Value;
        task.Notes = Tidy(Input.Notes);
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/strategy");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid? taskId, bool confirmed, CancellationToken ct)
    {
        var (found, task) = await LoadAsync(taskId, ct);
        if (!found || task is null)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            // Deleting is asked for twice: the first press shows what will go and asks again.
            ModelState.Clear();
            ConfirmDelete = true;
            Input = new TaskInput { Phase = task.Phase, Title = task.Title, Owner = task.Owner, DueOn = DateValue(task.DueOn), Status = task.Status, Notes = task.Notes };
            return Page();
        }
        db.Remove(task);
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/strategy");
    }

    public bool ConfirmDelete { get; private set; }

    private async Task<(bool Found, StrategyTask? Task)> LoadAsync(Guid? taskId, CancellationToken ct)
    {
        IsNew = taskId is null;
        if (taskId is null)
        {
            return (true, null);
        }
        var task = await db.Set<StrategyTask>().FirstOrDefaultAsync(t => t.Id == taskId && t.OrganisationId == OrganisationId, ct);
        return (task is not null, task);
    }
}
