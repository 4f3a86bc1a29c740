using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.SelfAssessment;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class ProgressModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record RoundColumn(Guid Id, DateTimeOffset HeldOn, IReadOnlyDictionary<int, int?> Ratings);

    public string ScopeName { get; private set; } = "";
    public IReadOnlyList<RoundColumn> Rounds { get; private set; } = [];
    public string Chart { get; private set; } = "";

    /// <summary>How many rounds the chart compares; the table shows them all.</summary>
    public const int ChartRounds = 4;

    public async Task<IActionResult> OnGetAsync(string? division, CancellationToken ct)
    {
        Guid? divisionId = null;
        ScopeName = "Whole organisation";
        if (!string.IsNullOrEmpty(division))
        {
            if (!Guid.TryParse(division, out var d))
            {
                return NotFound();
            }
            var name = await db.Divisions.Where(x => x.Id == d && x.OrganisationId == OrganisationId).Select(x => x.Name).FirstOrDefaultAsync(ct);
            if (name is null)
            {
                return NotFound();
            }
            divisionId = d;
            ScopeName = name;
        }
        if (!Scope.MayRead(divisionId))
        {
            return NotFound();
        }
        var rounds = await db.Set<SelfAssessmentRound>().AsNoTracking()
            .Where(r => r.OrganisationId == OrganisationId && r.DivisionId == divisionId)
            .OrderBy(r => r.HeldOn).ThenBy(r => r.CreatedAt)
            .Select(r => new { r.Id, r.HeldOn, Ratings = r.Ratings.Select(c => new { c.ChallengeKey, c.Rating }).ToList() })
            .ToListAsync(ct);
        Rounds = rounds.Select(r => new RoundColumn(r.Id, r.HeldOn, r.Ratings.ToDictionary(c => c.ChallengeKey, c => c.Rating))).ToList();
        var charted = Rounds.TakeLast(ChartRounds).ToList();
        if (charted.Count > 0)
        {
            var description = string.Join(" ", Challenges.All.Select(c =>
                $"Challenge {c.Key}: " + string.Join(", ", charted.Select(r => $"{Wording.Date(r.HeldOn)} {(r.Ratings.GetValueOrDefault(c.Key) is { } v ? v.ToString(Wording.UkCulture) : "not rated")}")) + "."));
            Chart = ProgressChart.Render(
                $"Ratings for {ScopeName} on each challenge, comparing {charted.Count} self-assessment{(charted.Count == 1 ? "" : "s")}",
                "Ratings run from 1 (not started) to 4 (embedded). " + description,
                charted.Select(r => new ProgressChart.Series(Wording.Date(r.HeldOn), r.Ratings)).ToList());
        }
        return Page();
    }
}
