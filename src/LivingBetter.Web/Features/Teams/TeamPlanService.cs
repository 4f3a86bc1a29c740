using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>How one perspective rated one statement: the spread, not only the average.</summary>
public sealed record ScoreSpread(int[] Counts, int N, int? Min, int? Max, double? Median, double? Mean)
{
    public static ScoreSpread Of(IEnumerable<int> scores)
    {
        var list = scores.Order().ToList();
        var counts = new int[5];
        foreach (var s in list)
        {
            counts[s - 1]++;
        }
        if (list.Count == 0)
        {
            return new ScoreSpread(counts, 0, null, null, null, null);
        }
        var mid = list.Count / 2;
        var median = list.Count % 2 == 1 ? list[mid] : (list[mid - 1] + list[mid]) / 2.0;
        return new ScoreSpread(counts, list.Count, list[0], list[^1], median, Math.Round(list.Average(), 1));
    }
}

public sealed record RatingComment(string Who, Perspective Perspective, int Score, string Comment, bool InMeeting);

public sealed record CollatedStatement(
    BenchmarkStatement Statement,
    ScoreSpread Staff,
    ScoreSpread PeopleUsingService,
    ScoreSpread Carers,
    ScoreSpread Everyone,
    AgreedRating? Agreed,
    double? Previous,
    IReadOnlyList<RatingComment> Comments)
{
    /// <summary>The team's score for comparing rounds: the agreed rating, or the middle of everyone's ratings before the team has agreed.</summary>
    public double? TeamScore => Agreed?.Score ?? Everyone.Median;

    public double? Change => TeamScore is { } now && Previous is { } before ? now - before : null;
}

public sealed record CollatedTheme(BenchmarkTheme Theme, IReadOnlyList<CollatedStatement> Statements)
{
    public double? Score => Average(Statements.Select(s => s.TeamScore));
    public double? PreviousScore => Average(Statements.Select(s => s.Previous));
    public double? Change => Score is { } now && PreviousScore is { } before ? Math.Round(now - before, 1) : null;

    private static double? Average(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1);
    }
}

public sealed record CollatedRound(BenchmarkRound Round, BenchmarkRound? Previous, IReadOnlyList<CollatedTheme> Themes, int RaterCount);

/// <summary>The plan's lifecycle and the collated view; pages, the print page and the PDF share it.</summary>
public sealed class TeamPlanService(LivingBetterDbContext db, TimeProvider time)
{
    public Task<TeamPlan?> CurrentPlanAsync(Guid teamId, CancellationToken ct = default) =>
        db.Set<TeamPlan>().Where(p => p.TeamId == teamId && p.ClosedAt == null).OrderByDescending(p => p.CycleYear).FirstOrDefaultAsync(ct);

    public Task<List<BenchmarkRound>> RoundsAsync(Guid teamId, CancellationToken ct = default) =>
        db.Set<BenchmarkRound>().Where(r => r.TeamPlan!.TeamId == teamId).OrderBy(r => r.Number).ToListAsync(ct);

    public Task<BenchmarkRound?> RoundAsync(Guid teamId, int number, CancellationToken ct = default) =>
        db.Set<BenchmarkRound>().Include(r => r.TeamPlan).FirstOrDefaultAsync(r => r.TeamPlan!.TeamId == teamId && r.Number == number, ct);

    /// <summary>The organisation's current framework, or the default when it has none of its own.</summary>
    public async Task<BenchmarkFramework> CurrentFrameworkAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Set<BenchmarkFramework>().Where(f => f.OrganisationId == organisationId && f.IsCurrent).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct)
        ?? await db.Set<BenchmarkFramework>().FirstAsync(f => f.Id == DefaultFramework.Id, ct);

    public async Task<List<BenchmarkTheme>> ThemesAsync(Guid frameworkId, CancellationToken ct = default)
    {
        var themes = await db.Set<BenchmarkTheme>().AsNoTracking().Include(t => t.Statements)
            .Where(t => t.FrameworkId == frameworkId).OrderBy(t => t.Order).ToListAsync(ct);
        foreach (var t in themes)
        {
            t.Statements = [.. t.Statements.OrderBy(s => s.Order)];
        }
        return themes;
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Opens a new round on the organisation's current framework, linked to the team's last round for comparison.</summary>
    public async Task<BenchmarkRound> OpenRoundAsync(TeamPlan plan, Guid organisationId, CancellationToken ct = default)
    {
        var last = await db.Set<BenchmarkRound>().Where(r => r.TeamPlan!.TeamId == plan.TeamId)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        if (last is { ClosedAt: null })
        {
            last.ClosedAt = now;
        }
        var framework = await CurrentFrameworkAsync(organisationId, ct);
        var round = new BenchmarkRound
        {
            Id = Guid.NewGuid(),
            TeamPlanId = plan.Id,
            FrameworkId = framework.Id,
            Number = (last?.Number ?? 0) + 1,
            OpenedAt = now,
            PreviousRoundId = last?.Id,
        };
        db.Add(round);
        return round;
    }

    public Task<CollatedRound> CollateAsync(BenchmarkRound round, CancellationToken ct = default) => CollateAsync(round, withPrevious: true, ct);

    private async Task<CollatedRound> CollateAsync(BenchmarkRound round, bool withPrevious, CancellationToken ct)
    {
        var themes = await ThemesAsync(round.FrameworkId, ct);
        var ratings = await db.Set<BenchmarkRating>().AsNoTracking().Where(r => r.RoundId == round.Id).ToListAsync(ct);
        var userIds = ratings.Select(r => r.UserId).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var agreed = await db.Set<AgreedRating>().AsNoTracking().Where(a => a.RoundId == round.Id).ToDictionaryAsync(a => a.StatementId, ct);

        BenchmarkRound? previous = null;
        var previousByKey = new Dictionary<string, double?>();
        if (withPrevious && round.PreviousRoundId is { } prevId)
        {
            previous = await db.Set<BenchmarkRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == prevId, ct);
            if (previous is not null)
            {
                var prev = await CollateAsync(previous, withPrevious: false, ct);
                foreach (var s in prev.Themes.SelectMany(t => t.Statements))
                {
                    previousByKey[s.Statement.Key] = s.TeamScore;
                }
            }
        }

        var collated = themes.Select(t => new CollatedTheme(t, t.Statements.Select(s =>
        {
            var mine = ratings.Where(r => r.StatementId == s.Id).ToList();
            return new CollatedStatement(
                s,
                ScoreSpread.Of(mine.Where(r => r.Perspective == Perspective.Staff).Select(r => r.Score)),
                ScoreSpread.Of(mine.Where(r => r.Perspective == Perspective.PersonUsingService).Select(r => r.Score)),
                ScoreSpread.Of(mine.Where(r => r.Perspective == Perspective.Carer).Select(r => r.Score)),
                ScoreSpread.Of(mine.Select(r => r.Score)),
                agreed.GetValueOrDefault(s.Id),
                previousByKey.GetValueOrDefault(s.Key),
                mine.Where(r => r.Comment.Length > 0)
                    .Select(r => new RatingComment(names.GetValueOrDefault(r.UserId, "A team member"), r.Perspective, r.Score, r.Comment, r.InMeeting))
                    .ToList());
        }).ToList())).ToList();
        return new CollatedRound(round, previous, collated, userIds.Count);
    }
}
