using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class TeamModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public TeamPlanSummary Summary { get; private set; } = null!;
    public int MyRatingsInOpenRound { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public StartInput Input { get; set; } = new();

    public sealed class StartInput
    {
        [Required(ErrorMessage = "Enter the year this plan is for")]
        [Range(2000, 2100, ErrorMessage = "Year this plan is for must be a year such as 2027")]
        public int? CycleYear { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Input.CycleYear ??= time.GetUtcNow().Year;
        Message = done switch
        {
            "started" => "The team plan has started. Add members, then open the first benchmarking round.",
            "round" => "The benchmarking round is open. Everyone in the team plan can now rate the statements.",
            "next-cycle" => "Next year's plan has started, with a new benchmarking round that will be compared with the last one.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage)
        {
            return NotFound();
        }
        if (Plan is not null)
        {
            return Redirect(Scope.Base);
        }
        if (ModelState.IsValid && await Db.Set<TeamPlan>().AnyAsync(p => p.TeamId == teamId && p.CycleYear == Input.CycleYear, ct))
        {
            ModelState.AddModelError("Input.CycleYear", $"Year this plan is for: the team already has a plan for {Input.CycleYear}");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Db.Add(new TeamPlan
        {
            Id = Guid.NewGuid(),
            TeamId = teamId,
            CycleYear = Input.CycleYear!.Value,
            StartedAt = time.GetUtcNow(),
            StartedByUserId = Scope.UserId,
        });
        await Db.SaveChangesAsync(ct);
        await RecordAsync("plan-started", ct);
        return Redirect(Scope.Base + "?done=started");
    }

    public async Task<IActionResult> OnPostOpenRoundAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage)
        {
            return NotFound();
        }
        if (Plan is null)
        {
            return Redirect(Scope.Base);
        }
        await Plans.OpenRoundAsync(Plan, Scope.Team.OrganisationId, ct);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("round-opened", ct);
        return Redirect(Scope.Base + "?done=round");
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        Summary = await Plans.SummariseAsync(Db, Scope.Team, ct);
        var open = Summary.Rounds.LastOrDefault(r => r.ClosedAt is null);
        if (open is not null)
        {
            MyRatingsInOpenRound = await Db.Set<BenchmarkRating>().CountAsync(r => r.RoundId == open.Id && r.UserId == Scope.UserId, ct);
        }
        return true;
    }
}
