using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.Teams;

public sealed class PrioritiesModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public IReadOnlyList<(TeamPriority Priority, string? Statement)> Priorities { get; private set; } = [];
    public List<SelectListItem> StatementItems { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty]
    public PriorityInput Input { get; set; } = new();

    public sealed class PriorityInput
    {
        [Required(ErrorMessage = "Enter the priority")]
        [StringLength(TeamPriority.TitleMaxLength, ErrorMessage = "Priority must be 200 characters or fewer")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Choose whether it is a quick win or a longer project")]
        public string? Kind { get; set; } = nameof(PriorityKind.QuickWin);

        public string? StatementId { get; set; }
    }

    public IEnumerable<SelectListItem> KindItems =>
    [
        new("Quick win", nameof(PriorityKind.QuickWin)),
        new("Longer project", nameof(PriorityKind.LongerProject)),
    ];

    public async Task<IActionResult> OnGetAsync(Guid teamId, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Message = done == "added" ? "The priority is added." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage || Plan is null)
        {
            return NotFound();
        }
        if (!Enum.TryParse<PriorityKind>(Input.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("Input.Kind", "Choose whether it is a quick win or a longer project");
        }
        Guid? statementId = null;
        if (!string.IsNullOrEmpty(Input.StatementId))
        {
            if (Guid.TryParse(Input.StatementId, out var sid) && StatementItems.Any(i => i.Value == sid.ToString()))
            {
                statementId = sid;
            }
            else
            {
                ModelState.AddModelError("Input.StatementId", "Choose one of the statements, or none");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Db.Add(new TeamPriority { Id = Guid.NewGuid(), TeamPlanId = Plan.Id, Kind = kind, Title = Input.Title!.Trim(), StatementId = statementId, CreatedAt = time.GetUtcNow() });
        await Db.SaveChangesAsync(ct);
        await RecordAsync("priority-added", ct);
        return Redirect($"{Scope.Base}/priorities?done=added");
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        var summary = await Plans.SummariseAsync(Db, Scope.Team, ct);
        Priorities = summary.Priorities;
        StatementItems = [new SelectListItem("Not from a particular statement", "")];
        if (summary.Latest is { } latest)
        {
            StatementItems.AddRange(latest.Themes.SelectMany(t => t.Statements)
                .OrderBy(s => s.TeamScore ?? 6)
                .Select(s => new SelectListItem(
                    $"{(s.TeamScore is { } score ? score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "not rated")}: {s.Statement.Text}",
                    s.Statement.Id.ToString())));
        }
        return true;
    }
}
