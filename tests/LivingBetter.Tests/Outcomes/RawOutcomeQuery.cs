using System.Runtime.CompilerServices;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Outcomes;

/// <summary>
/// The reference: the outcome report's queries as they were before the summary tables, computing every
/// person's first and latest rating and score from the raw check-ins and measure responses with window
/// functions on each request. Kept only so the tests can prove the summary-based report gives the same figures.
/// </summary>
internal sealed class RawOutcomeQuery(LivingBetterDbContext db)
{
    private sealed class DomainRow
    {
        public string Grp { get; init; } = "";
        public Guid Domain { get; init; }
        public int Rated { get; init; }
        public int Changed { get; init; }
        public int Improved { get; init; }
        public int Unchanged { get; init; }
        public int Worse { get; init; }
        public double SumChange { get; init; }
        public int Unmet { get; init; }
    }

    /// <summary>
    /// Per group and domain, in one pass: each person's first rating against their latest (people
    /// rated at least twice; skipped ratings left out): how many went up, stayed the same or went
    /// down, and the sum of changes. And unmet need: people whose latest rating there is low (in the
    /// bottom three tenths of the scale they used), who ticked "I'd like help", and who have no goal
    /// in their wellbeing plan for that area of life.
    /// </summary>
    public async Task<(List<DomainRaw> Changes, List<UnmetRaw> Unmet)> DomainsAsync(Guid organisationId, OutcomeFilter filter, int year, CancellationToken ct)
    {
        var args = new List<object>();
        var sql = $"""
            WITH {OutcomeQuery.CohortSql(organisationId, filter, year, args)},
            members AS (SELECT DISTINCT person FROM cohort),
            ranked AS (
                SELECT c."PersonId" AS person, r."DomainId" AS domain, r."Rating" AS rating,
                       CASE WHEN r."WantsHelp" THEN 1 ELSE 0 END AS help,
                       CASE WHEN (r."Rating" - c."ScaleMin") * 10 <= (c."ScaleMax" - c."ScaleMin") * 3 THEN 1 ELSE 0 END AS low,
                       ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At", c."Id") AS from_first,
                       ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At" DESC, c."Id" DESC) AS from_last
                FROM "CheckIns" c
                JOIN "CheckInRatings" r ON r."CheckInId" = c."Id"
                WHERE r."Rating" IS NOT NULL AND c."PersonId" IN (SELECT person FROM members)),
            spans AS (
                SELECT person, domain, COUNT(*) AS ends,
                       MAX(CASE WHEN from_first = 1 THEN rating END) AS first_rating,
                       MAX(CASE WHEN from_last = 1 THEN rating END) AS last_rating,
                       MAX(CASE WHEN from_last = 1 THEN help * low ELSE 0 END) AS needs
                FROM ranked WHERE from_first = 1 OR from_last = 1
                GROUP BY person, domain)
            SELECT c.grp AS "Grp", s.domain AS "Domain", COUNT(*) AS "Rated",
                   SUM(CASE WHEN s.ends = 2 THEN 1 ELSE 0 END) AS "Changed",
                   SUM(CASE WHEN s.ends = 2 AND s.last_rating > s.first_rating THEN 1 ELSE 0 END) AS "Improved",
                   SUM(CASE WHEN s.ends = 2 AND s.last_rating = s.first_rating THEN 1 ELSE 0 END) AS "Unchanged",
                   SUM(CASE WHEN s.ends = 2 AND s.last_rating < s.first_rating THEN 1 ELSE 0 END) AS "Worse",
                   CAST(SUM(CASE WHEN s.ends = 2 THEN s.last_rating - s.first_rating ELSE 0 END) AS DOUBLE PRECISION) AS "SumChange",
                   SUM(CASE WHEN s.needs = 1 AND NOT EXISTS (
                           SELECT 1 FROM "PlanSections" ps
                           JOIN "Plans" pl ON pl."Id" = ps."PlanId"
                           JOIN "LifeDomains" d ON d."Id" = s.domain
                           WHERE pl."PersonId" = s.person AND pl."Kind" = 'Wellbeing' AND ps."Key" = 'goals'
                             AND ps."Content" LIKE '%"domainKey":"' || d."Key" || '"%')
                       THEN 1 ELSE 0 END) AS "Unmet"
            FROM spans s JOIN cohort c ON c.person = s.person
            GROUP BY c.grp, s.domain
            """;
        var rows = await db.Database.SqlQuery<DomainRow>(FormattableStringFactory.Create(sql, [.. args])).ToListAsync(ct);
        return (
            rows.Where(r => r.Changed > 0).Select(r => new DomainRaw(r.Grp, r.Domain, r.Changed, r.Improved, r.Unchanged, r.Worse, r.SumChange)).ToList(),
            rows.Select(r => new UnmetRaw(r.Grp, r.Domain, r.Rated, r.Unmet)).ToList());
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
        var cohort = OutcomeQuery.CohortSql(organisationId, filter, year, args) + ",\n    members AS (SELECT DISTINCT person FROM cohort)";
        args.Add(measure.Id);
        var measureParam = "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        // Without a reliable-change amount nobody is counted as reliably better or worse.
        args.Add(measure.ReliableChange is { } t ? (double)t : double.MaxValue / 4);
        var threshold = "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var change = measure.HigherIsBetter ? "(s.last_score - s.first_score)" : "(s.first_score - s.last_score)";
        var sql = $"""
            WITH {cohort},
            ranked AS (
                SELECT m."PersonId" AS person, CAST(COALESCE(m."MetricScore", m."RawScore") AS DOUBLE PRECISION) AS score,
                       ROW_NUMBER() OVER (PARTITION BY m."PersonId" ORDER BY m."At", m."Id") AS from_first,
                       ROW_NUMBER() OVER (PARTITION BY m."PersonId" ORDER BY m."At" DESC, m."Id" DESC) AS from_last
                FROM "MeasureResponse" m
                WHERE m."MeasureDefinitionId" = {measureParam} AND (m."MetricScore" IS NOT NULL OR m."RawScore" IS NOT NULL)
                  AND m."PersonId" IN (SELECT person FROM members)),
            spans AS (
                SELECT person, COUNT(*) AS ends,
                       MAX(CASE WHEN from_first = 1 THEN score END) AS first_score,
                       MAX(CASE WHEN from_last = 1 THEN score END) AS last_score
                FROM ranked WHERE from_first = 1 OR from_last = 1
                GROUP BY person)
            SELECT c.grp AS "Grp", COUNT(*) AS "People",
                   SUM(CASE WHEN {change} >= {threshold} THEN 1 ELSE 0 END) AS "Better",
                   SUM(CASE WHEN -{change} >= {threshold} THEN 1 ELSE 0 END) AS "Worse",
                   CAST(SUM(s.last_score - s.first_score) AS DOUBLE PRECISION) AS "SumChange"
            FROM spans s JOIN cohort c ON c.person = s.person
            WHERE s.ends = 2
            GROUP BY c.grp
            """;
        var rows = await db.Database.SqlQuery<MeasureRow>(FormattableStringFactory.Create(sql, [.. args])).ToListAsync(ct);
        return rows.Select(r => new MeasureRaw(r.Grp, measure.Id, r.People, r.Better, r.Worse, r.SumChange)).ToList();
    }

}
