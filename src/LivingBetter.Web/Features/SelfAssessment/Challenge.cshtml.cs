using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.SelfAssessment;

[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.Everyone)]
public sealed class ChallengeModel(LivingBetterDbContext db, ITeamBenchmarkSummary benchmarks) : PlanningPageModel
{
    public sealed class RatingInput
    {
        [Required(ErrorMessage = "Choose a rating for this challenge")]
        [Range(SelfAssessmentScale.Min, SelfAssessmentScale.Max, ErrorMessage = "Rating must be between 1 and 4")]
        public int? Rating { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Evidence must be 4000 characters or fewer")]
        public string? Evidence { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Goals for change must be 4000 characters or fewer")]
        public string? GoalsForChange { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Progress indicators must be 4000 characters or fewer")]
        public string? ProgressIndicators { get; set; }
    }

    [BindProperty]
    public RatingInput Input { get; set; } = new();

    public Challenge Item { get; private set; } = null!;
    public SelfAssessmentRound Round { get; private set; } = null!;
    public string ScopeName { get; private set; } = "";
    public bool BenchmarkingAvailable => benchmarks.IsAvailable;
    public IReadOnlyList<TeamBenchmarkResult> Benchmarks { get; private set; } = [];

    /// <summary>Whether the signed-in user runs this round; anyone else reads it.</summary>
    public bool CanChange => Scope.MaySelfAssess(Round.DivisionId);

    public async Task<IActionResult> OnGetAsync(Guid id, int key, CancellationToken ct)
    {
        var rating = await LoadAsync(id, key, ct);
        if (rating is null)
        {
            return NotFound();
        }
        Input = new RatingInput
        {
            Rating = rating.Rating,
            Evidence = rating.Evidence,
            GoalsForChange = rating.GoalsForChange,
            ProgressIndicators = rating.ProgressIndicators,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int key, CancellationToken ct)
    {
        var rating = await LoadAsync(id, key, ct);
        if (rating is null || !CanChange)
        {
            return NotFound();
        }
        if (Round.Status == AssessmentStatus.Completed)
        {
            ModelState.AddModelError("", "This self-assessment is complete. Reopen it before changing a rating");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        rating.Rating = Input.Rating;
        rating.Evidence = Tidy(Input.Evidence);
        rating.GoalsForChange = Tidy(Input.GoalsForChange);
        rating.ProgressIndicators = Tidy(Input.ProgressIndicators);
        rating.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/self-assessment/{id}");
    }

    private async Task<ChallengeRating?> LoadAsync(Guid id, int key, CancellationToken ct)
    {
        if (Challenges.Find(key) is not { } challenge)
        {
            return null;
        }
        Item = challenge;
        var rating = await db.Set<ChallengeRating>().Include(c => c.Round!).ThenInclude(r => r.Division)
            .FirstOrDefaultAsync(c => c.RoundId == id && c.ChallengeKey == key && c.Round!.OrganisationId == OrganisationId, ct);
        if (rating is null || !Scope.MayRead(rating.Round!.DivisionId))
        {
            return null;
        }
        Round = rating.Round!;
        ScopeName = Round.Division?.Name ?? "Whole organisation";
        var all = await benchmarks.SummariseAsync(OrganisationId, Round.DivisionId, ct);
        Benchmarks = all.TryGetValue(key, out var list) ? list : [];
        return rating;
    }
}
