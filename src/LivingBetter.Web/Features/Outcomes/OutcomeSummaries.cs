using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Outcomes;

public sealed class OutcomeDomainSummaryConfiguration : IEntityTypeConfiguration<OutcomeDomainSummary>
{
    public void Configure(EntityTypeBuilder<OutcomeDomainSummary> builder)
    {
        builder.ToTable("OutcomeDomainSummaries");
        // The key is also the index the report joins on: one seek per cohort member, then that person's areas of life.
        builder.HasKey(s => new { s.PersonId, s.DomainId });
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        // No covering index any more: reports read OutcomePersonSummaries (ADR 0021); these rows are only read per
        // person, by the key, when that person's packed row is rebuilt.
    }
}

public sealed class OutcomePersonSummaryConfiguration : IEntityTypeConfiguration<OutcomePersonSummary>
{
    public void Configure(EntityTypeBuilder<OutcomePersonSummary> builder)
    {
        builder.ToTable("OutcomePersonSummaries");
        // The key is what the report joins on: one seek per cohort member, in the key's order.
        builder.HasKey(s => s.PersonId);
        builder.HasOne<Person>().WithOne().HasForeignKey<OutcomePersonSummary>(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutcomeMeasureSummaryConfiguration : IEntityTypeConfiguration<OutcomeMeasureSummary>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasureSummary> builder)
    {
        builder.ToTable("OutcomeMeasureSummaries");
        builder.HasKey(s => new { s.PersonId, s.MeasureDefinitionId });
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MeasureDefinition>().WithMany().HasForeignKey(s => s.MeasureDefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PersonId, s.MeasureDefinitionId, s.Scores, s.FirstScore, s.LatestScore })
            .HasDatabaseName("IX_OutcomeMeasureSummaries_Report");
    }
}

/// <summary>
/// Keeps <see cref="OutcomeDomainSummary"/> and <see cref="OutcomeMeasureSummary"/> equal to what the raw check-ins
/// and measure responses say. The summary rows of a person are always recomputed from all of that person's own
/// rows (never patched incrementally), with the same window functions the report used to run over everyone, so an
/// edit, a deletion or a back-dated check-in cannot leave them wrong. <see cref="LivingBetterDbContext"/> calls
/// <see cref="PeopleTouchedAsync"/> before saving and <see cref="RefreshAsync"/> after, in the same transaction.
/// Who counts in a report (open care episode, not opted out, the filters) is not stored here: the report reads it
/// live, so opting out, closing an account or a team change is reflected at once without touching these rows.
/// </summary>
public static class OutcomeSummaries
{
    private const int Chunk = 400;

    private static string DomainSql(string? peopleIn) => $"""
        INSERT INTO "OutcomeDomainSummaries" ("PersonId", "DomainId", "Ratings", "FirstRating", "FirstAt", "LatestRating", "LatestAt", "LatestWantsHelp", "LatestLow")
        SELECT person, domain, COUNT(*),
               MAX(CASE WHEN from_first = 1 THEN rating END), MAX(CASE WHEN from_first = 1 THEN at END),
               MAX(CASE WHEN from_last = 1 THEN rating END), MAX(CASE WHEN from_last = 1 THEN at END),
               MAX(CASE WHEN from_last = 1 THEN help ELSE 0 END) = 1, MAX(CASE WHEN from_last = 1 THEN low ELSE 0 END) = 1
        FROM (
            SELECT c."PersonId" AS person, r."DomainId" AS domain, r."Rating" AS rating, c."At" AS at,
                   CASE WHEN r."WantsHelp" THEN 1 ELSE 0 END AS help,
                   CASE WHEN (r."Rating" - c."ScaleMin") * 10 <= (c."ScaleMax" - c."ScaleMin") * 3 THEN 1 ELSE 0 END AS low,
                   ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At", c."Id") AS from_first,
                   ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At" DESC, c."Id" DESC) AS from_last
            FROM "CheckIns" c
            JOIN "CheckInRatings" r ON r."CheckInId" = c."Id"
            WHERE r."Rating" IS NOT NULL{(peopleIn is null ? "" : $" AND c.\"PersonId\" IN ({peopleIn})")}) ranked
        GROUP BY person, domain
        """;

    private static string MeasureSql(string? peopleIn) => $"""
        INSERT INTO "OutcomeMeasureSummaries" ("PersonId", "MeasureDefinitionId", "Scores", "FirstScore", "FirstAt", "LatestScore", "LatestAt")
        SELECT person, measure, COUNT(*),
               MAX(CASE WHEN from_first = 1 THEN score END), MAX(CASE WHEN from_first = 1 THEN at END),
               MAX(CASE WHEN from_last = 1 THEN score END), MAX(CASE WHEN from_last = 1 THEN at END)
        FROM (
            SELECT m."PersonId" AS person, m."MeasureDefinitionId" AS measure, m."At" AS at,
                   CAST(COALESCE(m."MetricScore", m."RawScore") AS DOUBLE PRECISION) AS score,
                   ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At", m."Id") AS from_first,
                   ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At" DESC, m."Id" DESC) AS from_last
            FROM "MeasureResponse" m
            WHERE (m."MetricScore" IS NOT NULL OR m."RawScore" IS NOT NULL){(peopleIn is null ? "" : $" AND m.\"PersonId\" IN ({peopleIn})")}) ranked
        GROUP BY person, measure
        """;

    /// <summary>
    /// Packs each person's area-of-life rows into one <see cref="OutcomePersonSummary"/> row (read by the report), deciding
    /// unmet need on the way: the latest rating low, help asked for, and no goal in the person's wellbeing plan naming that
    /// area. Run after <see cref="DomainSql"/> for the same people. The two providers differ only in the name of the
    /// string aggregate.
    /// </summary>
    private static string PersonSql(bool sqlite, string? peopleIn) => $"""
        INSERT INTO "OutcomePersonSummaries" ("PersonId", "Areas")
        SELECT s."PersonId", {(sqlite ? "group_concat" : "string_agg")}(
                   CAST(s."DomainId" AS TEXT) || ',' || CAST(s."Ratings" AS TEXT) || ',' || CAST(s."FirstRating" AS TEXT) || ','
                   || CAST(s."LatestRating" AS TEXT) || ',' || CASE WHEN s."LatestWantsHelp" AND s."LatestLow" AND NOT EXISTS (
                       SELECT 1 FROM "PlanSections" ps
                       JOIN "Plans" pl ON pl."Id" = ps."PlanId"
                       JOIN "LifeDomains" d ON d."Id" = s."DomainId"
                       WHERE pl."PersonId" = s."PersonId" AND pl."Kind" = 'Wellbeing' AND ps."Key" = 'goals'
                         AND ps."Content" LIKE '%"domainKey":"' || d."Key" || '"%') THEN '1' ELSE '0' END, ';')
        FROM "OutcomeDomainSummaries" s{(peopleIn is null ? "" : $" WHERE s.\"PersonId\" IN ({peopleIn})")}
        GROUP BY s."PersonId"
        """;

    /// <summary>
    /// The back-fill: rebuilds every summary row from the raw rows in one transaction. Idempotent (it empties
    /// both tables first), so it is safe to run again at any time; the migration that adds the tables runs it,
    /// and <c>dotnet LivingBetter.Web.dll --rebuild-outcome-summaries</c> runs it on its own.
    /// </summary>
    public static async Task<(int Domains, int Measures)> RebuildAllAsync(LivingBetterDbContext db, CancellationToken ct = default)
    {
        var owns = db.Database.CurrentTransaction is null;
        await using var tx = owns ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"OutcomeDomainSummaries\"", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"OutcomeMeasureSummaries\"", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"OutcomePersonSummaries\"", ct);
        var domains = await db.Database.ExecuteSqlRawAsync(DomainSql(null), ct);
        var measures = await db.Database.ExecuteSqlRawAsync(MeasureSql(null), ct);
        await db.Database.ExecuteSqlRawAsync(PersonSql(db.Database.IsSqlite(), null), ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        return (domains, measures);
    }

    /// <summary>The back-fill as plain SQL for one provider, for a migration to freeze a copy of.</summary>
    public static IReadOnlyList<string> RebuildAllSql(bool sqlite) =>
    [
        "DELETE FROM \"OutcomeDomainSummaries\"", "DELETE FROM \"OutcomeMeasureSummaries\"", "DELETE FROM \"OutcomePersonSummaries\"",
        DomainSql(null), MeasureSql(null), PersonSql(sqlite, null),
    ];

    /// <summary>
    /// The people whose summaries the pending changes affect: owners of added, changed or deleted check-ins,
    /// ratings and measure responses (before and after, should a row move to another person). Runs before saving,
    /// while a deleted rating's check-in can still be looked up.
    /// </summary>
    public static async Task<HashSet<Guid>> PeopleTouchedAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        var (people, checkInIds, planIds) = Pending(db);
        foreach (var chunk in checkInIds.Chunk(Chunk))
        {
            people.UnionWith(await db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.PersonId).ToListAsync(ct));
        }
        foreach (var chunk in planIds.Chunk(Chunk))
        {
            people.UnionWith(await db.Plans.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => p.PersonId).ToListAsync(ct));
        }
        return people;
    }

    /// <summary>
    /// The owners the change tracker knows, and the ids of changed ratings' check-ins and changed goals sections' plans
    /// that are not tracked here (their owners must be looked up in the database). A wellbeing plan's goals decide unmet
    /// need in <see cref="OutcomePersonSummary"/>, so saving, changing or deleting a goals section (or deleting a plan,
    /// or changing its kind) rebuilds its owner's summary too.
    /// </summary>
    private static (HashSet<Guid> People, HashSet<Guid> UntrackedCheckIns, HashSet<Guid> UntrackedPlans) Pending(LivingBetterDbContext db)
    {
        var people = new HashSet<Guid>();
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        var checkInIds = new HashSet<Guid>();
        var planIds = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case CheckIn:
                case MeasureResponse:
                    Both(entry, nameof(CheckIn.PersonId), people);
                    break;
                case CheckInRating:
                    Both(entry, nameof(CheckInRating.CheckInId), checkInIds);
                    break;
                case PlanSection when IsGoals(entry):
                    Both(entry, nameof(PlanSection.PlanId), planIds);
                    break;
                case Plan when entry.State == EntityState.Deleted || entry.Property(nameof(Plan.Kind)).IsModified || entry.Property(nameof(Plan.PersonId)).IsModified:
                    Both(entry, nameof(Plan.PersonId), people);
                    break;
            }
        }
        foreach (var local in db.ChangeTracker.Entries<CheckIn>().Where(e => checkInIds.Contains(e.Entity.Id)).ToList())
        {
            Both(local, nameof(CheckIn.PersonId), people);
            checkInIds.Remove(local.Entity.Id);
        }
        foreach (var local in db.ChangeTracker.Entries<Plan>().Where(e => planIds.Contains(e.Entity.Id)).ToList())
        {
            Both(local, nameof(Plan.PersonId), people);
            planIds.Remove(local.Entity.Id);
        }
        return (people, checkInIds, planIds);
    }

    private static bool IsGoals(EntityEntry entry)
    {
        var key = entry.Property(nameof(PlanSection.Key));
        return (entry.State != EntityState.Deleted && key.CurrentValue as string == PlanStructure.Goals)
            || (entry.State != EntityState.Added && key.OriginalValue as string == PlanStructure.Goals);
    }

    private static void Both(EntityEntry entry, string property, HashSet<Guid> into)
    {
        var p = entry.Property(property);
        if (entry.State != EntityState.Deleted && p.CurrentValue is Guid current)
        {
            into.Add(current);
        }
        if (entry.State != EntityState.Added && p.OriginalValue is Guid original)
        {
            into.Add(original);
        }
    }

    /// <summary>Recomputes the given people's summary rows from their raw rows (call inside the saving transaction).</summary>
    public static async Task RefreshAsync(LivingBetterDbContext db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        foreach (var chunk in people.Chunk(Chunk))
        {
            var args = chunk.Cast<object>().ToArray();
            foreach (var sql in RefreshSql(db, chunk))
            {
                await db.Database.ExecuteSqlRawAsync(sql, args, ct);
            }
        }
    }

    /// <summary>
    /// The statements that rebuild one chunk of people's rows, in order. Only parameter placeholders ({0}, {1}, ...)
    /// are put into the SQL; the ids are parameters.
    /// </summary>
    private static IEnumerable<string> RefreshSql(LivingBetterDbContext db, Guid[] chunk)
    {
        var inList = InList(chunk.Length);
        if (LockSql(db, chunk) is { } lockSql)
        {
            yield return lockSql;
        }
        yield return "DELETE FROM \"OutcomeDomainSummaries\" WHERE \"PersonId\" IN (" + inList + ")";
        yield return "DELETE FROM \"OutcomeMeasureSummaries\" WHERE \"PersonId\" IN (" + inList + ")";
        yield return "DELETE FROM \"OutcomePersonSummaries\" WHERE \"PersonId\" IN (" + inList + ")";
        yield return DomainSql(inList);
        yield return MeasureSql(inList);
        yield return PersonSql(db.Database.IsSqlite(), inList);
    }

    /// <summary>The synchronous twin of <see cref="PeopleTouchedAsync"/>, for <c>SaveChanges()</c>.</summary>
    public static HashSet<Guid> PeopleTouched(LivingBetterDbContext db)
    {
        var (people, checkInIds, planIds) = Pending(db);
        foreach (var chunk in checkInIds.Chunk(Chunk))
        {
            people.UnionWith(db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.PersonId).ToList());
        }
        foreach (var chunk in planIds.Chunk(Chunk))
        {
            people.UnionWith(db.Plans.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => p.PersonId).ToList());
        }
        return people;
    }

    /// <summary>The synchronous twin of <see cref="RefreshAsync"/>.</summary>
    public static void Refresh(LivingBetterDbContext db, IReadOnlyCollection<Guid> people)
    {
        foreach (var chunk in people.Chunk(Chunk))
        {
            var args = chunk.Cast<object>().ToArray();
            foreach (var sql in RefreshSql(db, chunk))
            {
                db.Database.ExecuteSqlRaw(sql, args);
            }
        }
    }

    /// <summary>
    /// Two saves for the same person at once (two devices, or an API client) would otherwise both delete the
    /// person's rows and both insert them again: on PostgreSQL the second insert then collides with the first's
    /// (a unique-key failure, so a 500 for a save that did nothing wrong). A transaction-scoped advisory lock per
    /// person, taken in a fixed order, makes the second rebuild wait for the first to commit and then start from
    /// what it committed. SQLite allows one writer at a time, so it needs nothing.
    /// </summary>
    private static string? LockSql(LivingBetterDbContext db, Guid[] chunk)
    {
        if (db.Database.IsSqlite())
        {
            return null;
        }
        var keys = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => "({" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "})"));
        return $"SELECT pg_advisory_xact_lock(hashtextextended(CAST(id AS text), 17)) FROM (SELECT id FROM (VALUES {keys}) AS v(id) ORDER BY id) AS ordered";
    }

    private static string InList(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
}
