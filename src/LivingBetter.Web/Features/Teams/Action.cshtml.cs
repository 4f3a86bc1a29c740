using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class ActionModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public ActionRow Row { get; private set; } = null!;
    public List<(DateTimeOffset At, string Author, ActionStatus Status, string Text)> Updates { get; private set; } = [];
    public bool CanUpdate { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public UpdateInput Input { get; set; } = new();

    public sealed class UpdateInput
    {
        [Required(ErrorMessage = "Enter how it is going")]
        [StringLength(ActionUpdate.TextMaxLength, ErrorMessage = "How it is going must be 2000 characters or fewer")]
        public string? Text { get; set; }

        [Required(ErrorMessage = "Choose the status")]
        public string? Status { get; set; }
    }

    public IEnumerable<SelectListItem> StatusItems =>
        Enum.GetValues<ActionStatus>().Select(s => new SelectListItem(TeamPlanRules.Label(s), s.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid teamId, Guid actionId, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, actionId, ct))
        {
            return NotFound();
        }
        Input.Status = Row.Action.Status.ToString();
        Message = done switch
        {
            "added" => "The action is added to the team plan.",
            "updated" => "Your update is saved.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, Guid actionId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, actionId, ct) || !Scope.IsMember || !CanUpdate)
        {
            return NotFound();
        }
        if (!Enum.TryParse<ActionStatus>(Input.Status, out var status) || !Enum.IsDefined(status))
        {
            ModelState.AddModelError("Input.Status", "Choose the status");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var action = await Db.Set<TeamAction>().FirstAsync(a => a.Id == actionId, ct);
        var now = time.GetUtcNow();
        action.Status = status;
        action.CompletedAt = status == ActionStatus.Done ? action.CompletedAt ?? now : null;
        Db.Add(new ActionUpdate { Id = Guid.NewGuid(), ActionId = actionId, At = now, AuthorUserId = Scope.UserId, Text = Input.Text!.Trim(), Status = status });
        await Db.SaveChangesAsync(ct);
        await RecordAsync("action-updated", ct);
        return Redirect($"{Scope.Base}/actions/{actionId}?done=updated");
    }

    private async Task<bool> LoadAsync(Guid teamId, Guid actionId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        var summary = await Plans.SummariseAsync(Db, Scope.Team, ct);
        var row = summary.Actions.FirstOrDefault(a => a.Action.Id == actionId);
        if (row is null)
        {
            // Actions of earlier cycles are shown read-only.
            var old = await Db.Set<TeamAction>().AsNoTracking().Include(a => a.Leads).Include(a => a.Updates)
                .FirstOrDefaultAsync(a => a.Id == actionId && Db.Set<TeamPlan>().Any(p => p.Id == a.TeamPlanId && p.TeamId == teamId), ct);
            if (old is null)
            {
                return false;
            }
            var leadNames = await Db.Users.Where(u => old.Leads.Select(l => l.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            row = new ActionRow(old, old.Leads.Select(l => (leadNames.GetValueOrDefault(l.UserId, "A former member"), l.Perspective)).ToList(), null, false);
        }
        else
        {
            CanUpdate = true;
        }
        Row = row;
        var authorIds = row.Action.Updates.Select(u => u.AuthorUserId).Distinct().ToList();
        var names = await Db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Updates = row.Action.Updates.OrderByDescending(u => u.At)
            .Select(u => (u.At, names.GetValueOrDefault(u.AuthorUserId, "A former member"), u.Status, u.Text)).ToList();
        return true;
    }
}
