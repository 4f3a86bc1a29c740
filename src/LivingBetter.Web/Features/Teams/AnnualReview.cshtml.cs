using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class AnnualReviewModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public List<TeamAction> Done { get; private set; } = [];
    public int StillOpen { get; private set; }
    public int ReviewCount { get; private set; }
    public CollatedRound? Latest { get; private set; }

    [BindProperty]
    public AnnualInput Input { get; set; } = new();

    public sealed class AnnualInput : MeetingInput
    {
        [Required(ErrorMessage = "Enter the year of the next plan")]
        [Range(2000, 2100, ErrorMessage = "Year of the next plan must be a year such as 2028")]
        public int? NextYear { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Input.Date = Plans.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Input.NextYear = Plan is null ? null : Plan.CycleYear + 1;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage || Plan is null)
        {
            return NotFound();
        }
        var (date, attendees) = Input.Validate(ModelState, Members, Plans.Today);
        if (Input.NextYear is { } year && (year <= Plan.CycleYear || await Db.Set<TeamPlan>().AnyAsync(p => p.TeamId == teamId && p.CycleYear == year, ct)))
        {
            ModelState.AddModelError("Input.NextYear", $"Year of the next plan must be after {Plan.CycleYear} and not already have a plan");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow();
        var notes = (Input.Notes ?? "").Trim();
        var current = await Db.Set<TeamPlan>().FirstAsync(p => p.Id == Plan.Id, ct);
        Db.Add(new ReviewMeeting
        {
            Id = Guid.NewGuid(),
            TeamPlanId = current.Id,
            Kind = ReviewKind.Annual,
            Date = date,
            Notes = notes,
            RecordedByUserId = Scope.UserId,
            RecordedAt = now,
            Attendees = attendees.Select(a => new ReviewAttendee { Id = Guid.NewGuid(), UserId = a.UserId, Perspective = a.Perspective }).ToList(),
        });
        current.ClosedAt = now;
        current.AnnualReviewNotes = notes;
        var next = new TeamPlan
        {
            Id = Guid.NewGuid(),
            TeamId = teamId,
            CycleYear = Input.NextYear!.Value,
            StartedAt = now,
            StartedByUserId = Scope.UserId,
            PreviousPlanId = current.Id,
        };
        Db.Add(next);
        // Unfinished actions are not lost at the turn of the year: they move into the new plan.
        foreach (var open in await Db.Set<TeamAction>().Where(a => a.TeamPlanId == current.Id && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress)).ToListAsync(ct))
        {
            open.TeamPlanId = next.Id;
        }
        await Plans.OpenRoundAsync(next, Scope.Team.OrganisationId, ct);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("annual-review", ct);
        return Redirect(Scope.Base + "?done=next-cycle");
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        if (Plan is not null)
        {
            var actions = await Db.Set<TeamAction>().AsNoTracking().Where(a => a.TeamPlanId == Plan.Id).ToListAsync(ct);
            Done = [.. actions.Where(a => a.Status == ActionStatus.Done).OrderBy(a => a.CompletedAt)];
            StillOpen = actions.Count(a => a.IsOpen);
            ReviewCount = await Db.Set<ReviewMeeting>().CountAsync(m => m.TeamPlanId == Plan.Id && m.Kind == ReviewKind.Review, ct);
            var last = await Db.Set<BenchmarkRound>().AsNoTracking().Where(r => r.TeamPlanId == Plan.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
            Latest = last is null ? null : await Plans.CollateAsync(last, ct);
        }
        return true;
    }
}
