using System.Linq.Expressions;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>What a report is broken down by: one group per value, or one group for everyone.</summary>
public enum Breakdown
{
    None,
    Division,
    Team,
    Locality,
    AgeBand,
    Gender,
    Ethnicity,
}

/// <summary>The filters of a report; any combination may be set.</summary>
public sealed record OutcomeFilter
{
    public Guid? DivisionId { get; init; }
    public Guid? TeamId { get; init; }
    public Guid? LocalityId { get; init; }
    public string? AgeBand { get; init; }
    public string? Gender { get; init; }
    public string? Ethnicity { get; init; }
    public Breakdown By { get; init; }
}

/// <summary>One cohort member: a person counted for the organisation, and the group they fall in.</summary>
public sealed class CohortMember
{
    public Guid PersonId { get; init; }
    public string Group { get; init; } = "";
}

public sealed record CohortRaw(string Group, int People);

public sealed record DomainRaw(string Group, Guid DomainId, int People, int Improved, int Unchanged, int Worse, double SumChange);

public sealed record MeasureRaw(string Group, Guid MeasureId, int People, int ReliableImprovement, int ReliableDeterioration, double SumChange);

public sealed record UnmetRaw(string Group, Guid DomainId, int Rated, int Unmet);

public sealed record DomainInfo(Guid Id, string Key, string Name, int Order);

public sealed record MeasureInfo(Guid Id, string Title, decimal? ReliableChange, bool HigherIsBetter);

/// <summary>
/// The grouped queries behind the outcome reports. Every figure is counted in the database with
/// GROUP BY; only one row per group and domain (or measure) comes back, never a person's rows.
/// </summary>
public sealed class OutcomeQuery(LivingBetterDbContext db)
{
    public const string NotRecorded = "Not recorded";
    public const string Everyone = "Everyone";

    /// <summary>The age bands, youngest first, as (label, youngest age, oldest age).</summary>
    public static readonly IReadOnlyList<(string Label, int From, int To)> AgeBands =
    [
        ("Under 26", 0, 25),
        ("26 to 35", 26, 35),
        ("36 to 50", 36, 50),
        ("51 to 65", 51, 65),
        ("66 and over", 66, 200),
    ];

    /// <summary>
    /// People counted for the organisation: one of its teams supports them now (an open care
    /// episode), they have not opted out of reporting, and they match every filter. A person
    /// supported by two teams counts once in each team's group, and once overall.
    /// </summary>
    public IQueryable<CohortMember> Cohort(Guid organisationId, OutcomeFilter f, int year)
    {
        var episodes = db.CareEpisodes.AsNoTracking()
            .Where(e => e.EndedAt == null && e.Team!.OrganisationId == organisationId && !e.Person!.OptedOutOfReporting);
        if (f.DivisionId is { } division)
        {
            episodes = episodes.Where(e => e.Team!.DivisionId == division);
        }
        if (f.TeamId is { } team)
        {
            episodes = episodes.Where(e => e.TeamId == team);
        }
        if (f.LocalityId is { } locality)
        {
            episodes = episodes.Where(e => e.Team!.LocalityId == locality);
        }
        if (!string.IsNullOrEmpty(f.Gender))
        {
            episodes = f.Gender == NotRecorded
                ? episodes.Where(e => e.Person!.Gender == null || e.Person.Gender == "")
                : episodes.Where(e => e.Person!.Gender == f.Gender);
        }
        if (!string.IsNullOrEmpty(f.Ethnicity))
        {
            episodes = f.Ethnicity == NotRecorded
                ? episodes.Where(e => e.Person!.Ethnicity == null || e.Person.Ethnicity == "")
                : episodes.Where(e => e.Person!.Ethnicity == f.Ethnicity);
        }
        if (!string.IsNullOrEmpty(f.AgeBand))
        {
            if (f.AgeBand == NotRecorded)
            {
                episodes = episodes.Where(e => e.Person!.BirthYear == null);
            }
            else if (AgeBands.FirstOrDefault(b => b.Label == f.AgeBand) is { Label: not null } band)
            {
                int earliest = year - band.To, latest = year - band.From;
                episodes = episodes.Where(e => e.Person!.BirthYear >= earliest && e.Person.BirthYear <= latest);
            }
        }
        return episodes.Select(GroupOf(f.By, year)).Distinct();
    }

    private static Expression<Func<CareEpisode, CohortMember>> GroupOf(Breakdown by, int year)
    {
        int b1 = year - 25, b2 = year - 35, b3 = year - 50, b4 = year - 65;
        return by switch
        {
            Breakdown.Division => e => new CohortMember { PersonId = e.PersonId, Group = e.Team!.Division == null ? "No division" : e.Team.Division.Name },
            Breakdown.Team => e => new CohortMember { PersonId = e.PersonId, Group = e.Team!.Name },
            Breakdown.Locality => e => new CohortMember { PersonId = e.PersonId, Group = e.Team!.Locality == null ? "No locality" : e.Team.Locality.Name },
            Breakdown.Gender => e => new CohortMember { PersonId = e.PersonId, Group = e.Person!.Gender == null || e.Person.Gender == "" ? NotRecorded : e.Person.Gender },
            Breakdown.Ethnicity => e => new CohortMember { PersonId = e.PersonId, Group = e.Person!.Ethnicity == null || e.Person.Ethnicity == "" ? NotRecorded : e.Person.Ethnicity },
            Breakdown.AgeBand => e => new CohortMember
            {
                PersonId = e.PersonId,
                Group = e.Person!.BirthYear == null ? NotRecorded
                : e.Person.BirthYear >= b1 ? "Under 26"
                : e.Person.BirthYear >= b2 ? "26 to 35"
                : e.Person.BirthYear >= b3 ? "36 to 50"
                : e.Person.BirthYear >= b4 ? "51 to 65"
                : "66 and over"
            },
            _ => e => new CohortMember { PersonId = e.PersonId, Group = Everyone },
        };
    }

    public Task<List<CohortRaw>> CohortSizesAsync(IQueryable<CohortMember> cohort, CancellationToken ct) =>
        cohort.GroupBy(c => c.Group).Select(g => new CohortRaw(g.Key, g.Count())).ToListAsync(ct);

    private sealed class Rated
    {
        public Guid PersonId { get; init; }
        public Guid DomainId { get; init; }
        public DateTimeOffset At { get; init; }
        public int Rating { get; init; }
        public bool WantsHelp { get; init; }
        public int ScaleMin { get; init; }
        public int ScaleMax { get; init; }
    }

    /// <summary>Every rating that was given (skipped ones are left out), of people in the cohort.</summary>
    private IQueryable<Rated> Ratings(IQueryable<CohortMember> cohort)
    {
        var people = cohort.Select(c => c.PersonId);
        return from r in db.CheckInRatings.AsNoTracking()
               where r.Rating != null && people.Contains(r.CheckIn!.PersonId)
               select new Rated { PersonId = r.CheckIn!.PersonId, DomainId = r.DomainId, At = r.CheckIn.At, Rating = r.Rating!.Value, WantsHelp = r.WantsHelp, ScaleMin = r.CheckIn.ScaleMin, ScaleMax = r.CheckIn.ScaleMax };
    }

    /// <summary>
    /// Per group and domain, each person's first rating against their latest (people rated at least
    /// twice in that domain): how many went up, stayed the same or went down, and the sum of changes.
    /// </summary>
    public async Task<List<DomainRaw>> DomainChangeAsync(IQueryable<CohortMember> cohort, CancellationToken ct)
    {
        var rated = Ratings(cohort);
        var spans = from x in rated
                    group x by new { x.PersonId, x.DomainId } into g
                    select new { g.Key.PersonId, g.Key.DomainId, FirstAt = g.Min(x => x.At), LastAt = g.Max(x => x.At) };
        var changes = from s in spans
                      where s.FirstAt < s.LastAt
                      join first in rated on new { s.PersonId, s.DomainId, At = s.FirstAt } equals new { first.PersonId, first.DomainId, first.At }
                      join last in rated on new { s.PersonId, s.DomainId, At = s.LastAt } equals new { last.PersonId, last.DomainId, last.At }
                      join c in cohort on s.PersonId equals c.PersonId
                      select new { c.Group, s.DomainId, Change = last.Rating - first.Rating };
        return await changes
            .GroupBy(x => new { x.Group, x.DomainId })
            .Select(g => new DomainRaw(g.Key.Group, g.Key.DomainId, g.Count(),
                g.Sum(x => x.Change > 0 ? 1 : 0), g.Sum(x => x.Change == 0 ? 1 : 0), g.Sum(x => x.Change < 0 ? 1 : 0),
                g.Sum(x => (double)x.Change)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Per group and domain: people whose latest rating there is low (in the bottom three tenths of
    /// the scale they used), who ticked "I'd like help", and who have no goal in their wellbeing plan
    /// for that area of life.
    /// </summary>
    public async Task<List<UnmetRaw>> UnmetNeedAsync(IQueryable<CohortMember> cohort, CancellationToken ct)
    {
        var rated = Ratings(cohort);
        var latest = from x in rated
                     group x by new { x.PersonId, x.DomainId } into g
                     select new { g.Key.PersonId, g.Key.DomainId, LastAt = g.Max(x => x.At) };
        var goals = db.PlanSections.AsNoTracking().Where(s => s.Key == PlanStructure.Goals && s.Plan!.Kind == PlanKind.Wellbeing);
        var rows = from s in latest
                   join last in rated on new { s.PersonId, s.DomainId, At = s.LastAt } equals new { last.PersonId, last.DomainId, last.At }
                   join d in db.LifeDomains on s.DomainId equals d.Id
                   join c in cohort on s.PersonId equals c.PersonId
                   select new
                   {
                       c.Group,
                       s.DomainId,
                       Unmet = (last.Rating - last.ScaleMin) * 10 <= (last.ScaleMax - last.ScaleMin) * 3 && last.WantsHelp
                           && !goals.Any(g => g.Plan!.PersonId == s.PersonId && g.Content.Contains("\"domainKey\":\"" + d.Key + "\"")),
                   };
        return await rows
            .GroupBy(x => new { x.Group, x.DomainId })
            .Select(g => new UnmetRaw(g.Key.Group, g.Key.DomainId, g.Count(), g.Sum(x => x.Unmet ? 1 : 0)))
            .ToListAsync(ct);
    }

    /// <summary>Per group and measure: first score against latest, mean change and reliable change against the measure's own threshold.</summary>
    public async Task<List<MeasureRaw>> MeasureChangeAsync(IQueryable<CohortMember> cohort, MeasureInfo measure, CancellationToken ct)
    {
        var people = cohort.Select(c => c.PersonId);
        var scored = from m in db.Set<MeasureResponse>().AsNoTracking()
                     where m.MeasureDefinitionId == measure.Id && (m.MetricScore != null || m.RawScore != null) && people.Contains(m.PersonId)
                     select new { m.PersonId, m.At, Score = (double)(m.MetricScore ?? m.RawScore)!.Value };
        var spans = from x in scored
                    group x by x.PersonId into g
                    select new { PersonId = g.Key, FirstAt = g.Min(x => x.At), LastAt = g.Max(x => x.At) };
        var threshold = (double)(measure.ReliableChange ?? decimal.MaxValue / 2);
        var sign = measure.HigherIsBetter ? 1.0 : -1.0;
        var changes = from s in spans
                      where s.FirstAt < s.LastAt
                      join first in scored on new { s.PersonId, At = s.FirstAt } equals new { first.PersonId, first.At }
                      join last in scored on new { s.PersonId, At = s.LastAt } equals new { last.PersonId, last.At }
                      join c in cohort on s.PersonId equals c.PersonId
                      select new { c.Group, Change = last.Score - first.Score };
        var rows = await changes
            .GroupBy(x => x.Group)
            .Select(g => new
            {
                Group = g.Key,
                People = g.Count(),
                Better = g.Sum(x => x.Change * sign >= threshold ? 1 : 0),
                Worse = g.Sum(x => -x.Change * sign >= threshold ? 1 : 0),
                Sum = g.Sum(x => x.Change),
            })
            .ToListAsync(ct);
        return rows.Select(r => new MeasureRaw(r.Group, measure.Id, r.People, r.Better, r.Worse, r.Sum)).ToList();
    }

    public async Task<List<DomainInfo>> DomainsAsync(Guid organisationId, CancellationToken ct)
    {
        // An organisation's own set replaces the default one; ratings given against either are counted.
        var domains = await db.LifeDomains.AsNoTracking()
            .Where(d => d.OrganisationId == organisationId || d.OrganisationId == null)
            .Select(d => new { d.Id, d.Key, d.Name, d.Order, d.OrganisationId })
            .ToListAsync(ct);
        return domains.OrderBy(d => d.OrganisationId == null ? 1 : 0).ThenBy(d => d.Order)
            .Select(d => new DomainInfo(d.Id, d.Key, d.Name, d.Order)).ToList();
    }

    public async Task<List<MeasureInfo>> MeasuresAsync(Guid organisationId, CancellationToken ct)
    {
        var definitions = await db.Set<MeasureDefinition>().AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .OrderBy(m => m.Title).Select(m => new { m.Id, m.Title, m.DefinitionJson, m.ScoringJson }).ToListAsync(ct);
        var result = new List<MeasureInfo>();
        foreach (var d in definitions)
        {
            var (questionnaire, _) = ScoringEngine.ParseQuestionnaire(d.DefinitionJson);
            var (scoring, _) = ScoringEngine.ParseScoring(d.ScoringJson, questionnaire);
            if (scoring is not null)
            {
                result.Add(new MeasureInfo(d.Id, d.Title, scoring.ReliableChange, scoring.HigherIsBetter));
            }
        }
        return result;
    }
}
