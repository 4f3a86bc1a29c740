using System.Runtime.CompilerServices;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Measures;
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


public sealed record CohortRaw(string Group, int People);

public sealed record DomainRaw(string Group, Guid DomainId, int People, int Improved, int Unchanged, int Worse, double SumChange);

public sealed record MeasureRaw(string Group, Guid MeasureId, int People, int ReliableImprovement, int ReliableDeterioration, double SumChange);

public sealed record UnmetRaw(string Group, Guid DomainId, int Rated, int Unmet);

public sealed record DomainInfo(Guid Id, string Key, string Name, int Order);

public sealed record MeasureInfo(Guid Id, string Title, decimal? ReliableChange, bool HigherIsBetter);

/// <summary>
/// The grouped queries behind the outcome reports. Every figure is counted in the database in one
/// pass: the cohort (read live, so opting out or a team change counts at once), joined on its primary
/// key to each member's summary row per area of life or measure (first and latest rating, kept up to
/// date when check-ins are saved: <see cref="OutcomeSummaries"/>), then GROUP BY. The cost grows with the
/// people in the report, not with how many check-ins they made. Only one row per group and domain
/// (or measure) comes back, never a person's rows. The SQL is written once for SQLite and PostgreSQL
/// (both quote names the same way and have window functions); every value from outside is a parameter.
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
    /// The cohort as SQL: people one of the organisation's teams supports now (an open care episode),
    /// who have not opted out of reporting, and who match every filter, with the group each falls in.
    /// A person supported by two teams counts once in each team's group, and once overall.
    /// </summary>
    internal static string CohortSql(Guid organisationId, OutcomeFilter f, int year, List<object> args)
    {
        string P(object value)
        {
            args.Add(value);
            return "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }
        var where = new List<string> { "e.\"EndedAt\" IS NULL", $"t.\"OrganisationId\" = {P(organisationId)}", "NOT p.\"OptedOutOfReporting\"" };
        if (f.DivisionId is { } division)
        {
            where.Add($"t.\"DivisionId\" = {P(division)}");
        }
        if (f.TeamId is { } team)
        {
            where.Add($"t.\"Id\" = {P(team)}");
        }
        if (f.LocalityId is { } locality)
        {
            where.Add($"t.\"LocalityId\" = {P(locality)}");
        }
        foreach (var (value, column) in new[] { (f.Gender, "Gender"), (f.Ethnicity, "Ethnicity") })
        {
            if (!string.IsNullOrEmpty(value))
            {
                where.Add(value == NotRecorded ? $"(p.\"{column}\" IS NULL OR p.\"{column}\" = '')" : $"p.\"{column}\" = {P(value)}");
            }
        }
        if (!string.IsNullOrEmpty(f.AgeBand))
        {
            if (f.AgeBand == NotRecorded)
            {
                where.Add("p.\"BirthYear\" IS NULL");
            }
            else if (AgeBands.FirstOrDefault(b => b.Label == f.AgeBand) is { Label: not null } band)
            {
                where.Add($"p.\"BirthYear\" >= {P(year - band.To)} AND p.\"BirthYear\" <= {P(year - band.From)}");
            }
        }
        var group = f.By switch
        {
            Breakdown.Division => "COALESCE(dv.\"Name\", 'No division')",
            Breakdown.Team => "t.\"Name\"",
            Breakdown.Locality => "COALESCE(l.\"Name\", 'No locality')",
            Breakdown.Gender => "CASE WHEN p.\"Gender\" IS NULL OR p.\"Gender\" = '' THEN 'Not recorded' ELSE p.\"Gender\" END",
            Breakdown.Ethnicity => "CASE WHEN p.\"Ethnicity\" IS NULL OR p.\"Ethnicity\" = '' THEN 'Not recorded' ELSE p.\"Ethnicity\" END",
            Breakdown.AgeBand => $"CASE WHEN p.\"BirthYear\" IS NULL THEN 'Not recorded' WHEN p.\"BirthYear\" >= {P(year - 25)} THEN 'Under 26' "
                + $"WHEN p.\"BirthYear\" >= {P(year - 35)} THEN '26 to 35' WHEN p.\"BirthYear\" >= {P(year - 50)} THEN '36 to 50' "
                + $"WHEN p.\"BirthYear\" >= {P(year - 65)} THEN '51 to 65' ELSE '66 and over' END",
            _ => "'Everyone'",
        };
        // GROUP BY rather than DISTINCT: the same rows, but SQLite then hands them over in person order, so the join
        // to the per-person summary reads its key index in order instead of jumping about (about half the time).
        return $"""
            cohort AS (
                SELECT p."Id" AS person, {group} AS grp
                FROM "CareEpisodes" e
                JOIN "Teams" t ON t."Id" = e."TeamId"
                JOIN "People" p ON p."Id" = e."PersonId"
                LEFT JOIN "Divisions" dv ON dv."Id" = t."DivisionId"
                LEFT JOIN "Localities" l ON l."Id" = t."LocalityId"
                WHERE {string.Join(" AND ", where)}
                GROUP BY 1, 2)
            """;
    }

    private sealed class AreasRow
    {
        public string Grp { get; init; } = "";
        public string? Areas { get; init; }
    }

    private sealed class AreaCounts
    {
        public int Rated;
        public int Changed;
        public int Improved;
        public int Unchanged;
        public int Worse;
        public long SumChange;
        public int Unmet;
    }

    /// <summary>
    /// The whole area-of-life part of a report in one statement: the cohort (read live), each member's packed summary row
    /// (<see cref="OutcomePersonSummary"/>: first and latest rating per area, unmet need decided on save), one row per
    /// member and group without the person's id. Counted here per group and area: how many people are in each group;
    /// per area, each person's first rating against their latest (people rated at least twice): how many went up, stayed
    /// the same or went down and the sum of changes; and unmet need (latest rating low, "I'd like help" ticked, no goal in
    /// their wellbeing plan for that area). Only these counts leave this method, through <see cref="OutcomeReport"/> and
    /// <see cref="SmallNumbers"/>. One row per person rather than per person and area makes this about ten times less
    /// work for the database than grouping in SQL (ADR 0021).
    /// </summary>
    public async Task<(List<CohortRaw> Sizes, List<DomainRaw> Changes, List<UnmetRaw> Unmet)> AreasAsync(Guid organisationId, OutcomeFilter filter, int year, CancellationToken ct)
    {
        var args = new List<object>();
        var sql = $"""
            WITH {CohortSql(organisationId, filter, year, args)}
            SELECT c.grp AS "Grp", s."Areas" AS "Areas"
            FROM cohort c LEFT JOIN "OutcomePersonSummaries" s ON s."PersonId" = c.person
            """;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<Guid, AreaCounts>>(StringComparer.Ordinal);
        await foreach (var row in db.Database.SqlQuery<AreasRow>(FormattableStringFactory.Create(sql, [.. args])).AsAsyncEnumerable().WithCancellation(ct))
        {
            sizes[row.Grp] = sizes.GetValueOrDefault(row.Grp) + 1;
            if (string.IsNullOrEmpty(row.Areas))
            {
                continue;
            }
            if (!counts.TryGetValue(row.Grp, out var group))
            {
                counts[row.Grp] = group = [];
            }
            Count(row.Areas, group);
        }
        var changes = new List<DomainRaw>();
        var unmet = new List<UnmetRaw>();
        foreach (var (grp, group) in counts)
        {
            foreach (var (domain, c) in group)
            {
                if (c.Changed > 0)
                {
                    changes.Add(new DomainRaw(grp, domain, c.Changed, c.Improved, c.Unchanged, c.Worse, c.SumChange));
                }
                unmet.Add(new UnmetRaw(grp, domain, c.Rated, c.Unmet));
            }
        }
        return (sizes.Select(s => new CohortRaw(s.Key, s.Value)).ToList(), changes, unmet);
    }

    /// <summary>Adds one person's packed areas (<c>domain,ratings,first,latest,unmet;...</c>) to their group's counts.</summary>
    private static void Count(string packed, Dictionary<Guid, AreaCounts> group)
    {
        var rest = packed.AsSpan();
        Span<Range> parts = stackalloc Range[6];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(';');
            var area = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (area.Split(parts, ',') != 5)
            {
                throw new InvalidOperationException("An outcome summary row is not in the expected shape; run rebuild-outcome-summaries.");
            }
            var domain = Guid.Parse(area[parts[0]]);
            var ratings = int.Parse(area[parts[1]], System.Globalization.CultureInfo.InvariantCulture);
            var first = int.Parse(area[parts[2]], System.Globalization.CultureInfo.InvariantCulture);
            var latest = int.Parse(area[parts[3]], System.Globalization.CultureInfo.InvariantCulture);
            if (!group.TryGetValue(domain, out var c))
            {
                group[domain] = c = new AreaCounts();
            }
            c.Rated++;
            if (area[parts[4]] is "1")
            {
                c.Unmet++;
            }
            if (ratings >= 2)
            {
                c.Changed++;
                c.SumChange += latest - first;
                if (latest > first)
                {
                    c.Improved++;
                }
                else if (latest == first)
                {
                    c.Unchanged++;
                }
                else
                {
                    c.Worse++;
                }
            }
        }
    }

    /// <summary>How many people are in each group (see <see cref="AreasAsync"/>, which counts them in the same pass).</summary>
    public async Task<List<CohortRaw>> CohortSizesAsync(Guid organisationId, OutcomeFilter filter, int year, CancellationToken ct) =>
        (await AreasAsync(organisationId, filter, year, ct)).Sizes;

    /// <summary>Change and unmet need per group and area of life (see <see cref="AreasAsync"/>).</summary>
    public async Task<(List<DomainRaw> Changes, List<UnmetRaw> Unmet)> DomainsAsync(Guid organisationId, OutcomeFilter filter, int year, CancellationToken ct)
    {
        var (_, changes, unmet) = await AreasAsync(organisationId, filter, year, ct);
        return (changes, unmet);
    }

    private sealed class MeasureRow
    {
        public string Grp { get; init; } = "";
        public int People { get; init; }
        public int Better { get; init; }
        public int Worse { get; init; }
        public double SumChange { get; init; }
    }

    /// <summary>Per group and measure: first score against latest, mean change and reliable change against the measure's own threshold.</summary>
    public async Task<List<MeasureRaw>> MeasureChangeAsync(Guid organisationId, OutcomeFilter filter, int year, MeasureInfo measure, CancellationToken ct)
    {
        var args = new List<object>();
        var cohort = CohortSql(organisationId, filter, year, args);
        args.Add(measure.Id);
        var measureParam = "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        // Without a reliable-change amount nobody is counted as reliably better or worse.
        args.Add(measure.ReliableChange is { } t ? (double)t : double.MaxValue / 4);
        var threshold = "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var change = measure.HigherIsBetter ? "(s.\"LatestScore\" - s.\"FirstScore\")" : "(s.\"FirstScore\" - s.\"LatestScore\")";
        var sql = $"""
            WITH {cohort}
            SELECT c.grp AS "Grp", COUNT(*) AS "People",
                   SUM(CASE WHEN {change} >= {threshold} THEN 1 ELSE 0 END) AS "Better",
                   SUM(CASE WHEN -{change} >= {threshold} THEN 1 ELSE 0 END) AS "Worse",
                   CAST(SUM(s."LatestScore" - s."FirstScore") AS DOUBLE PRECISION) AS "SumChange"
            FROM cohort c JOIN "OutcomeMeasureSummaries" s ON s."PersonId" = c.person
            WHERE s."MeasureDefinitionId" = {measureParam} AND s."Scores" >= 2
            GROUP BY c.grp
            """;
        var rows = await db.Database.SqlQuery<MeasureRow>(FormattableStringFactory.Create(sql, [.. args])).ToListAsync(ct);
        return rows.Select(r => new MeasureRaw(r.Grp, measure.Id, r.People, r.Better, r.Worse, r.SumChange)).ToList();
    }

    public async Task<List<DomainInfo>> DomainsInfoAsync(Guid organisationId, CancellationToken ct)
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
