using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.SelfAssessment;

[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.Everyone)]
public sealed class RoundModel(LivingBetterDbContext db, ITeamBenchmarkSummary benchmarks) : PlanningPageModel
{
    public SelfAssessmentRound Round { get; private set; } = null!;
    public string ScopeName { get; private set; } = "";
    public DateTimeOffset? PreviousHeldOn { get; private set; }
    public IReadOnlyDictionary<int, int?> Previous { get; private set; } = new Dictionary<int, int?>();
    public bool BenchmarkingAvailable => benchmarks.IsAvailable;
    public IReadOnlyDictionary<int, IReadOnlyList<TeamBenchmarkResult>> Benchmarks { get; private set; } = new Dictionary<int, IReadOnlyList<TeamBenchmarkResult>>();
    public string? Message { get; private set; }

    /// <summary>Whether the signed-in user runs this round (and so may rate, complete and reopen it).</summary>
    public bool CanChange => Scope.MaySelfAssess(Round.DivisionId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!CanChange)
        {
            return NotFound();
        }
        var unrated = Round.Ratings.Count(r => r.Rating is null);
        if (unrated > 0)
        {
            ModelState.AddModelError("", $"Rate every challenge before marking the self-assessment complete: {unrated} {(unrated == 1 ? "is" : "are")} not rated yet");
            return Page();
        }
        Round.Status = AssessmentStatus.Completed;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/self-assessment/{id}");
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!CanChange)
        {
            return NotFound();
        }
        Round.Status = AssessmentStatus.InProgress;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/self-assessment/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<SelfAssessmentRound>()
            .Include(r => r.Ratings).Include(r => r.Division)
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == OrganisationId, ct);
        if (round is null || !Scope.MayRead(round.DivisionId))
        {
            return false;
        }
        Round = round;
        ScopeName = round.Division?.Name ?? "Whole organisation";
        var previous = await db.Set<SelfAssessmentRound>().AsNoTracking()
            .Where(r => r.OrganisationId == OrganisationId && r.DivisionId == round.DivisionId && r.Id != round.Id
                && (r.HeldOn < round.HeldOn || (r.HeldOn == round.HeldOn && r.CreatedAt < round.CreatedAt)))
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new { r.HeldOn, Ratings = r.Ratings.Select(c => new { c.ChallengeKey, c.Rating }).ToList() })
            .FirstOrDefaultAsync(ct);
        PreviousHeldOn = previous?.HeldOn;
        Previous = previous?.Ratings.ToDictionary(c => c.ChallengeKey, c => c.Rating) ?? new Dictionary<int, int?>();
        Benchmarks = await benchmarks.SummariseAsync(OrganisationId, round.DivisionId, ct);
        return true;
    }
}
