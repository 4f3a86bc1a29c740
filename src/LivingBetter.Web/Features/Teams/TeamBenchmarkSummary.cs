using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.SelfAssessment;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>
/// Links the organisation's self-assessment to what its teams agreed in benchmarking: for each of the
/// ten organisational challenges, the teams' latest agreed ratings on the statements that speak to it.
/// Figures are about teams, never about single people.
/// </summary>
public sealed class TeamBenchmarkSummary(LivingBetterDbContext db) : ITeamBenchmarkSummary
{
    /// <summary>Which challenge each statement of the default framework (and its edited versions, which keep the keys) speaks to.</summary>
    public static readonly IReadOnlyDictionary<string, int> ChallengeOfStatement = new Dictionary<string, int>
    {
        ["equals"] = 1,
        ["hope"] = 1,
        ["stories"] = 1,
        ["learn-together"] = 2,
        ["college"] = 3,
        ["leadership"] = 4,
        ["supervision"] = 4,
        ["decide"] = 5,
        ["own-plan"] = 5,
        ["shared-notes"] = 5,
        ["budgets"] = 5,
        ["own-goals"] = 5,
        ["involve-others"] = 5,
        ["positive-risk"] = 6,
        ["safety-plans"] = 6,
        ["co-design"] = 7,
        ["recruitment"] = 7,
        ["talents"] = 7,
        ["peer-support"] = 8,
        ["staff-experience"] = 8,
        ["staff-wellbeing"] = 9,
        ["opportunities"] = 10,
        ["community-understanding"] = 10,
        ["signposting"] = 10,
        ["carers"] = 10,
    };

    public bool IsAvailable => true;

    public async Task<IReadOnlyDictionary<int, IReadOnlyList<TeamBenchmarkResult>>> SummariseAsync(Guid organisationId, Guid? divisionId, CancellationToken ct)
    {
        var agreed = await (
                from a in db.Set<AgreedRating>()
                join r in db.Set<BenchmarkRound>() on a.RoundId equals r.Id
                join p in db.Set<TeamPlan>() on r.TeamPlanId equals p.Id
                join t in db.Teams on p.TeamId equals t.Id
                join s in db.Set<BenchmarkStatement>() on a.StatementId equals s.Id
                where t.OrganisationId == organisationId && (divisionId == null || t.DivisionId == divisionId)
                select new { TeamId = t.Id, RoundId = r.Id, r.Number, p.CycleYear, r.OpenedAt, s.Key, a.Score })
            .AsNoTracking()
            .ToListAsync(ct);

        // Each team counts once: its most recent round that has agreed ratings.
        var latest = agreed
            .GroupBy(x => x.TeamId)
            .SelectMany(team =>
            {
                var round = team.OrderByDescending(x => x.CycleYear).ThenByDescending(x => x.Number).First().RoundId;
                return team.Where(x => x.RoundId == round);
            })
            .Where(x => ChallengeOfStatement.ContainsKey(x.Key))
            .ToList();

        var result = new Dictionary<int, IReadOnlyList<TeamBenchmarkResult>>();
        foreach (var challenge in latest.GroupBy(x => ChallengeOfStatement[x.Key]))
        {
            var teams = challenge.Select(x => x.TeamId).Distinct().Count();
            var mean = challenge.Average(x => x.Score);
            var newest = challenge.Max(x => x.OpenedAt);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{teams} {(teams == 1 ? "team has" : "teams have")} agreed ratings on this in team benchmarking: on average {mean:0.0} out of 5 (latest round {Wording.Date(newest)}).");
            result[challenge.Key] = [new TeamBenchmarkResult(summary, "/teams")];
        }
        return result;
    }
}
