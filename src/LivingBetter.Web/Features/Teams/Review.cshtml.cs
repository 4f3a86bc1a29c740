using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class ReviewModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public List<TeamAction> OpenActions { get; private set; } = [];

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    public sealed class ReviewInput : MeetingInput
    {
        public List<ActionProgress> Actions { get; set; } = [];
    }

    public sealed class ActionProgress
    {
        public Guid ActionId { get; set; }
        public string? Status { get; set; }
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Input.Date = Plans.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage || Plan is null)
        {
            return NotFound();
        }
        var (date, attendees) = Input.Validate(ModelState, Members, Plans.Today);
        var changes = new List<(TeamAction Action, ActionStatus Status, string Text)>();
        for (var i = 0; i < Input.Actions.Count; i++)
        {
            var p = Input.Actions[i];
            var action = OpenActions.FirstOrDefault(a => a.Id == p.ActionId);
            if (action is null)
            {
                continue;
            }
            if (!Enum.TryParse<ActionStatus>(p.Status, out var status) || !Enum.IsDefined(status))
            {
                ModelState.AddModelError($"Input.Actions[{i}].Status", "Choose the status of each action");
                continue;
            }
            var text = (p.Text ?? "").Trim();
            if (text.Length > ActionUpdate.TextMaxLength)
            {
                ModelState.AddModelError($"Input.Actions[{i}].Text", "Progress must be 2000 characters or fewer");
                continue;
            }
            if (status != action.Status || text.Length > 0)
            {
                changes.Add((action, status, text));
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow();
        var meeting = new ReviewMeeting
        {
            Id = Guid.NewGuid(),
            TeamPlanId = Plan.Id,
            Kind = ReviewKind.Review,
            Date = date,
            Notes = (Input.Notes ?? "").Trim(),
            RecordedByUserId = Scope.UserId,
            RecordedAt = now,
            Attendees = attendees.Select(a => new ReviewAttendee { Id = Guid.NewGuid(), UserId = a.UserId, Perspective = a.Perspective }).ToList(),
        };
        Db.Add(meeting);
        foreach (var (action, status, text) in changes)
        {
            action.Status = status;
            action.CompletedAt = status == ActionStatus.Done ? action.CompletedAt ?? now : null;
            Db.Add(new ActionUpdate
            {
                Id = Guid.NewGuid(),
                ActionId = action.Id,
                At = now,
                AuthorUserId = Scope.UserId,
                Status = status,
                Text = text.Length > 0 ? text : "Status changed at the review meeting.",
                ReviewMeetingId = meeting.Id,
            });
        }
        await Db.SaveChangesAsync(ct);
        await RecordAsync("review-recorded", ct);
        return Redirect(Scope.Base);
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        if (Plan is not null)
        {
            OpenActions = await Db.Set<TeamAction>()
                .Where(a => a.TeamPlanId == Plan.Id && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress))
                .OrderBy(a => a.DueDate).ToListAsync(ct);
        }
        return true;
    }
}
