using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

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
/// Keeps <see cref="OutcomeDomainSummary"/>, <see cref="OutcomeMeasureSummary"/> and <see cref="OutcomePersonSummary"/> equal to what the raw check-ins
/// and measure responses say. <see cref="LivingBetterDbContext"/> asks <see cref="PendingAsync"/> what the pending
/// changes touch before saving and calls <see cref="ApplyAsync"/> after, in the same transaction.
/// <list type="bullet">
/// <item>A save that only <b>adds</b> check-ins (with their ratings) or measure responses for a person is applied in
/// place (ADR 0022): per area of life or measure, count + n and the new latest rating, or a new row; the first rating
/// is kept. That is exact only when every added rating comes after everything already counted, which the statement
/// itself checks against the stored latest time (strictly later, in the database's own ordering); a row that fails
/// the check makes the whole person fall back to the rebuild below.</item>
/// <item>Anything else (an edit, a deletion, an added rating on an older check-in, a change of owner, a back-dated
/// or same-moment addition, a bulk save) rebuilds the person's rows from all of their own rows with the same window
/// functions the report used to run over everyone, so nothing can leave them wrong.</item>
/// </list>
/// Who counts in a report (open care episode, not opted out, the filters) is not stored here: the report reads it
/// live, so opting out, closing an account or a team change is reflected at once without touching these rows.
/// </summary>
public static class OutcomeSummaries
{
    private const int Chunk = 400;

    /// <summary>Saves adding more rows than this (imports, seeding) use the set-based rebuild instead.</summary>
    private const int MaxAppended = 64;

    private const string DomainColumns = """
        INSERT INTO "OutcomeDomainSummaries" ("PersonId", "DomainId", "Ratings", "FirstRating", "FirstAt", "LatestRating", "LatestAt", "LatestWantsHelp", "LatestLow")
        """;

    private const string MeasureColumns = """
        INSERT INTO "OutcomeMeasureSummaries" ("PersonId", "MeasureDefinitionId", "Scores", "FirstScore", "FirstAt", "LatestScore", "LatestAt")
        """;

    /// <summary>Each (person, area of life) of the rated check-ins that <paramref name="where"/> selects, summarised.</summary>
    private static string DomainSelect(string? where) => $"""
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
            WHERE r."Rating" IS NOT NULL{(where is null ? "" : " AND " + where)}) ranked
        GROUP BY person, domain
        """;

    /// <summary>Each (person, measure) of the scored responses that <paramref name="where"/> selects, summarised.</summary>
    private static string MeasureSelect(string? where) => $"""
        SELECT person, measure, COUNT(*),
               MAX(CASE WHEN from_first = 1 THEN score END), MAX(CASE WHEN from_first = 1 THEN at END),
               MAX(CASE WHEN from_last = 1 THEN score END), MAX(CASE WHEN from_last = 1 THEN at END)
        FROM (
            SELECT m."PersonId" AS person, m."MeasureDefinitionId" AS measure, m."At" AS at,
                   CAST(COALESCE(m."MetricScore", m."RawScore") AS DOUBLE PRECISION) AS score,
                   ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At", m."Id") AS from_first,
                   ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At" DESC, m."Id" DESC) AS from_last
            FROM "MeasureResponse" m
            WHERE (m."MetricScore" IS NOT NULL OR m."RawScore" IS NOT NULL){(where is null ? "" : " AND " + where)}) ranked
        GROUP BY person, measure
        """;

    private static string DomainSql(string? peopleIn) =>
        DomainColumns + "\n" + DomainSelect(peopleIn is null ? null : $"c.\"PersonId\" IN ({peopleIn})");

    private static string MeasureSql(string? peopleIn) =>
        MeasureColumns + "\n" + MeasureSelect(peopleIn is null ? null : $"m.\"PersonId\" IN ({peopleIn})");

    /// <summary>
    /// The in-place update for added check-ins (ids in <paramref name="idsIn"/>): their ratings summarised on their
    /// own, inserted where the person has no row for that area yet, otherwise added to the row (count + n, the new
    /// latest; the first stays) but only where the earliest added rating is strictly later than the stored latest
    /// one. A row that fails that check is left alone and not counted in the rows affected, which tells the caller
    /// to rebuild. Both SQLite (3.24+) and PostgreSQL understand <c>ON CONFLICT ... DO UPDATE ... WHERE</c>.
    /// </summary>
    private static string DomainAppendSql(string idsIn) => DomainUpsertSql(DomainSelect($"c.\"Id\" IN ({idsIn})"));

    /// <summary>
    /// The same when no person has more than one of the added check-ins (the usual save: one check-in). A check-in
    /// rates an area at most once (a unique index), so each (person, area) row gets one rating, which is both its
    /// first and its latest: no ranking is needed, and PostgreSQL plans and runs the statement in a fraction of
    /// the time (docs/PERFORMANCE.md).
    /// </summary>
    private static string DomainAppendOneEachSql(string idsIn) => DomainUpsertSql($"""
        SELECT c."PersonId", r."DomainId", 1, r."Rating", c."At", r."Rating", c."At", r."WantsHelp",
               (r."Rating" - c."ScaleMin") * 10 <= (c."ScaleMax" - c."ScaleMin") * 3
        FROM "CheckIns" c
        JOIN "CheckInRatings" r ON r."CheckInId" = c."Id"
        WHERE r."Rating" IS NOT NULL AND c."Id" IN ({idsIn})
        """);

    /// <summary>Inserts the summarised rows <paramref name="select"/> gives, or adds them to the stored ones, as <see cref="DomainAppendSql"/> describes.</summary>
    private static string DomainUpsertSql(string select) => DomainColumns + "\n" + select + """

        ON CONFLICT ("PersonId", "DomainId") DO UPDATE SET
            "Ratings" = "OutcomeDomainSummaries"."Ratings" + excluded."Ratings",
            "LatestRating" = excluded."LatestRating", "LatestAt" = excluded."LatestAt",
            "LatestWantsHelp" = excluded."LatestWantsHelp", "LatestLow" = excluded."LatestLow"
        WHERE excluded."FirstAt" > "OutcomeDomainSummaries"."LatestAt"
        """;

    /// <summary>The same for added measure responses (ids in <paramref name="idsIn"/>).</summary>
    private static string MeasureAppendSql(string idsIn) => MeasureColumns + "\n" + MeasureSelect($"m.\"Id\" IN ({idsIn})") + """

        ON CONFLICT ("PersonId", "MeasureDefinitionId") DO UPDATE SET
            "Scores" = "OutcomeMeasureSummaries"."Scores" + excluded."Scores",
            "LatestScore" = excluded."LatestScore", "LatestAt" = excluded."LatestAt"
        WHERE excluded."FirstAt" > "OutcomeMeasureSummaries"."LatestAt"
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
    /// What the pending changes do to the summaries: which people need a rebuild (owners, before and after, of
    /// changed or deleted check-ins, ratings and measure responses, and of ratings added to check-ins saved
    /// earlier) and which only gain new check-ins or responses. Runs before saving, while a deleted rating's
    /// check-in can still be looked up.
    /// </summary>
    public static async Task<SummaryChanges> PendingAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        var changes = Scan(db);
        foreach (var owners in OwnerLookups(db, changes))
        {
            changes.Rebuild.UnionWith(await owners.ToListAsync(ct));
        }
        return changes.Settle();
    }

    /// <summary>The synchronous twin of <see cref="PendingAsync"/>, for <c>SaveChanges()</c>.</summary>
    public static SummaryChanges Pending(LivingBetterDbContext db)
    {
        var changes = Scan(db);
        foreach (var owners in OwnerLookups(db, changes))
        {
            changes.Rebuild.UnionWith(owners.ToList());
        }
        return changes.Settle();
    }

    /// <summary>The owners of changed ratings' check-ins and changed goals sections' plans not tracked here, a chunk at a time.</summary>
    private static IEnumerable<IQueryable<Guid>> OwnerLookups(LivingBetterDbContext db, SummaryChanges changes)
    {
        foreach (var chunk in changes.UntrackedCheckIns.Chunk(Chunk))
        {
            yield return db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.PersonId);
        }
        foreach (var chunk in changes.UntrackedPlans.Chunk(Chunk))
        {
            yield return db.Plans.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => p.PersonId);
        }
    }

    /// <summary>
    /// One pass over the change tracker: additions apart, everything else marks its owners for a rebuild. A wellbeing
    /// plan's goals decide unmet need in <see cref="OutcomePersonSummary"/>, so saving, changing or deleting a goals
    /// section (or deleting a plan, or changing its kind) rebuilds its owner's summary too.
    /// </summary>
    private static SummaryChanges Scan(LivingBetterDbContext db)
    {
        var changes = new SummaryChanges();
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        var addedRatings = new List<CheckInRating>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case CheckIn checkIn when entry.State == EntityState.Added:
                    changes.AddedCheckIns[checkIn.Id] = checkIn.PersonId;
                    break;
                case MeasureResponse response when entry.State == EntityState.Added:
                    changes.AddedResponses.Add(response);
                    break;
                case CheckIn:
                case MeasureResponse:
                    Both(entry, nameof(CheckIn.PersonId), changes.Rebuild);
                    break;
                case CheckInRating rating when entry.State == EntityState.Added:
                    addedRatings.Add(rating);
                    break;
                case CheckInRating:
                    Both(entry, nameof(CheckInRating.CheckInId), changes.UntrackedCheckIns);
                    break;
                case PlanSection when IsGoals(entry):
                    Both(entry, nameof(PlanSection.PlanId), changes.UntrackedPlans);
                    break;
                case Plan when entry.State == EntityState.Deleted || entry.Property(nameof(Plan.Kind)).IsModified || entry.Property(nameof(Plan.PersonId)).IsModified:
                    Both(entry, nameof(Plan.PersonId), changes.Rebuild);
                    break;
            }
        }
        foreach (var rating in addedRatings)
        {
            if (changes.AddedCheckIns.TryGetValue(rating.CheckInId, out var person))
            {
                if (rating.Rating is not null)
                {
                    changes.DomainKeys.Add((person, rating.DomainId));
                }
            }
            else
            {
                // A rating added to a check-in saved earlier: a change to that check-in, so a rebuild.
                changes.UntrackedCheckIns.Add(rating.CheckInId);
            }
        }
        foreach (var local in db.ChangeTracker.Entries<CheckIn>().Where(e => changes.UntrackedCheckIns.Contains(e.Entity.Id)).ToList())
        {
            Both(local, nameof(CheckIn.PersonId), changes.Rebuild);
            changes.UntrackedCheckIns.Remove(local.Entity.Id);
        }
        foreach (var local in db.ChangeTracker.Entries<Plan>().Where(e => changes.UntrackedPlans.Contains(e.Entity.Id)).ToList())
        {
            Both(local, nameof(Plan.PersonId), changes.Rebuild);
            changes.UntrackedPlans.Remove(local.Entity.Id);
        }
        return changes;
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

    /// <summary>
    /// Brings the summaries of everyone in <paramref name="changes"/> up to date (call after saving, inside the
    /// saving transaction): additions in place where they are exact, the rest (and any addition that turns out
    /// not to be the latest) rebuilt.
    /// </summary>
    public static async Task ApplyAsync(LivingBetterDbContext db, SummaryChanges changes, CancellationToken ct)
    {
        // The locks, the in-place additions and, when nothing is to be rebuilt, the packed rows go together: on
        // PostgreSQL one round trip for the usual save. Only when something is rebuilt, or an addition turns out not to
        // be exact, do the rebuilds and the packed rows follow (the packed rows then replace those just written).
        var locks = LockSteps(db, changes.People).ToList();
        var appends = AppendSteps(changes).ToList();
        var finishNow = changes.Rebuild.Count == 0;
        var counts = await ExecuteAsync(db, [.. locks, .. appends.Select(a => (a.Sql, a.Args)), .. finishNow ? PersonSteps(db, changes.People) : []], ct);
        var exact = appends.Select((a, i) => counts[locks.Count + i] == a.Expected).All(matched => matched);
        if (!finishNow || !exact)
        {
            await ExecuteAsync(db, FinishSteps(db, changes, exact).ToList(), ct);
        }
    }

    /// <summary>
    /// Runs the statements in order in the context's transaction and returns the rows each affected: as one batch, one
    /// round trip, where the provider batches (PostgreSQL: positional parameters, each statement reading with a
    /// snapshot of its own, so a statement after a lock sees what the lock's last holder committed); else one by one.
    /// </summary>
    private static async Task<int[]> ExecuteAsync(LivingBetterDbContext db, IReadOnlyList<(string Sql, object[] Args)> steps, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (!connection.CanCreateBatch || steps.Count < 2)
        {
            var affected = new int[steps.Count];
            for (var i = 0; i < steps.Count; i++)
            {
                affected[i] = await db.Database.ExecuteSqlRawAsync(steps[i].Sql, steps[i].Args, ct);
            }
            return affected;
        }
        await using var batch = connection.CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        batch.Timeout = db.Database.GetCommandTimeout() ?? batch.Timeout;
        foreach (var (sql, args) in steps)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql,
                args.Select((_, i) => (object)("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
            foreach (var arg in args)
            {
                var parameter = command.CreateParameter();
                parameter.Value = arg;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands.Select(c => c.RecordsAffected).ToArray();
    }

    /// <summary>The synchronous twin of <see cref="ApplyAsync"/>.</summary>
    public static void Apply(LivingBetterDbContext db, SummaryChanges changes)
    {
        foreach (var (sql, args) in LockSteps(db, changes.People))
        {
            db.Database.ExecuteSqlRaw(sql, args);
        }
        var exact = true;
        foreach (var (sql, args, expected) in AppendSteps(changes))
        {
            exact &= db.Database.ExecuteSqlRaw(sql, args) == expected;
        }
        foreach (var (sql, args) in FinishSteps(db, changes, exact))
        {
            db.Database.ExecuteSqlRaw(sql, args);
        }
    }

    /// <summary>
    /// After the in-place additions: the rebuilds (with the people whose additions turned out not to be the latest when
    /// <paramref name="appendedExactly"/> is false), then every touched person's packed row.
    /// </summary>
    private static IEnumerable<(string Sql, object[] Args)> FinishSteps(LivingBetterDbContext db, SummaryChanges changes, bool appendedExactly) =>
        RebuildSteps(appendedExactly ? changes.Rebuild : changes.Rebuild.Union(changes.Appending)).Concat(PersonSteps(db, changes.People));

    /// <summary>Recomputes the given people's summary rows from their raw rows (call inside the saving transaction).</summary>
    public static Task RefreshAsync(LivingBetterDbContext db, IReadOnlyCollection<Guid> people, CancellationToken ct) =>
        ExecuteAsync(db, [.. LockSteps(db, people), .. RebuildSteps(people), .. PersonSteps(db, people)], ct);

    /// <summary>The statements that add the saved check-ins' and responses' rows in place, each with the rows it must affect.</summary>
    private static IEnumerable<(string Sql, object[] Args, int Expected)> AppendSteps(SummaryChanges changes)
    {
        if (changes.DomainKeys.Count > 0)
        {
            var ids = changes.AddedCheckIns.Keys.Cast<object>().ToArray();
            var oneEach = changes.AddedCheckIns.Values.Distinct().Count() == ids.Length;
            yield return (oneEach ? DomainAppendOneEachSql(InList(ids.Length)) : DomainAppendSql(InList(ids.Length)), ids, changes.DomainKeys.Count);
        }
        if (changes.MeasureKeys.Count > 0)
        {
            var ids = changes.AddedResponses.Select(r => (object)r.Id).ToArray();
            yield return (MeasureAppendSql(InList(ids.Length)), ids, changes.MeasureKeys.Count);
        }
    }

    /// <summary>
    /// The statements that rebuild people's rows, a chunk at a time, in order. Only parameter placeholders
    /// ({0}, {1}, ...) are put into the SQL; the ids are parameters.
    /// </summary>
    private static IEnumerable<(string Sql, object[] Args)> RebuildSteps(IEnumerable<Guid> people)
    {
        foreach (var chunk in people.Order().Chunk(Chunk))
        {
            var args = chunk.Cast<object>().ToArray();
            var inList = InList(chunk.Length);
            yield return ("DELETE FROM \"OutcomeDomainSummaries\" WHERE \"PersonId\" IN (" + inList + ")", args);
            yield return ("DELETE FROM \"OutcomeMeasureSummaries\" WHERE \"PersonId\" IN (" + inList + ")", args);
            yield return (DomainSql(inList), args);
            yield return (MeasureSql(inList), args);
        }
    }

    /// <summary>
    /// The statements that repack people's <see cref="OutcomePersonSummary"/> rows from their area-of-life rows (after
    /// those are up to date, whether added to in place or rebuilt) and their goals.
    /// </summary>
    private static IEnumerable<(string Sql, object[] Args)> PersonSteps(LivingBetterDbContext db, IEnumerable<Guid> people)
    {
        var sqlite = db.Database.IsSqlite();
        foreach (var chunk in people.Order().Chunk(Chunk))
        {
            var args = chunk.Cast<object>().ToArray();
            var inList = InList(chunk.Length);
            yield return ("DELETE FROM \"OutcomePersonSummaries\" WHERE \"PersonId\" IN (" + inList + ")", args);
            yield return (PersonSql(sqlite, inList), args);
        }
    }

    /// <summary>
    /// Two saves for the same person at once (two devices, or an API client) would otherwise both delete the
    /// person's rows and both insert them again: on PostgreSQL the second insert then collides with the first's
    /// (a unique-key failure, so a 500 for a save that did nothing wrong), and an in-place addition could read a
    /// stored latest rating that a rebuild is about to replace. A transaction-scoped advisory lock per person,
    /// taken in one fixed order (by id, across all chunks), makes the second save wait for the first to commit
    /// and then start from what it committed. SQLite allows one writer at a time, so it needs nothing.
    /// </summary>
    private static IEnumerable<(string Sql, object[] Args)> LockSteps(LivingBetterDbContext db, IEnumerable<Guid> people)
    {
        if (db.Database.IsSqlite())
        {
            yield break;
        }
        foreach (var chunk in people.Order().Chunk(Chunk))
        {
            var keys = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => "({" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "})"));
            yield return ($"SELECT pg_advisory_xact_lock(hashtextextended(CAST(id AS text), 17)) FROM (SELECT id FROM (VALUES {keys}) AS v(id) ORDER BY id) AS ordered",
                chunk.Cast<object>().ToArray());
        }
    }

    private static string InList(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));

    /// <summary>What one save does to the summaries; see <see cref="PendingAsync"/>.</summary>
    public sealed class SummaryChanges
    {
        /// <summary>People whose rows are recomputed from all their raw rows.</summary>
        internal HashSet<Guid> Rebuild { get; } = [];

        /// <summary>Ratings whose check-in is not tracked here: their owners (looked up) are rebuilt.</summary>
        internal HashSet<Guid> UntrackedCheckIns { get; } = [];

        /// <summary>Goals sections whose plan is not tracked here: their owners (looked up) are rebuilt.</summary>
        internal HashSet<Guid> UntrackedPlans { get; } = [];

        /// <summary>Added check-ins (id to owner) of people who only gain rows in this save.</summary>
        internal Dictionary<Guid, Guid> AddedCheckIns { get; } = [];

        internal List<MeasureResponse> AddedResponses { get; } = [];

        /// <summary>The (person, area of life) rows the added ratings go into: the rows the in-place update must affect.</summary>
        internal HashSet<(Guid Person, Guid Domain)> DomainKeys { get; } = [];

        internal HashSet<(Guid Person, Guid Measure)> MeasureKeys { get; } = [];

        /// <summary>People whose rows are updated in place.</summary>
        internal HashSet<Guid> Appending { get; } = [];

        /// <summary>Everyone whose rows this save touches.</summary>
        public IReadOnlyCollection<Guid> People => [.. Rebuild.Union(Appending)];

        public bool IsEmpty => Rebuild.Count == 0 && Appending.Count == 0;

        /// <summary>
        /// Once every owner is known: a person with any other change is rebuilt (their additions with it), and
        /// so is everyone when the save adds too many rows to be worth doing one by one.
        /// </summary>
        internal SummaryChanges Settle()
        {
            foreach (var (id, person) in AddedCheckIns.ToList())
            {
                if (Rebuild.Contains(person))
                {
                    AddedCheckIns.Remove(id);
                }
            }
            AddedResponses.RemoveAll(r => Rebuild.Contains(r.PersonId));
            if (AddedCheckIns.Count + AddedResponses.Count > MaxAppended)
            {
                Rebuild.UnionWith(AddedCheckIns.Values);
                Rebuild.UnionWith(AddedResponses.Select(r => r.PersonId));
                AddedCheckIns.Clear();
                AddedResponses.Clear();
            }
            DomainKeys.RemoveWhere(k => Rebuild.Contains(k.Person));
            foreach (var r in AddedResponses.Where(r => r.MetricScore is not null || r.RawScore is not null))
            {
                MeasureKeys.Add((r.PersonId, r.MeasureDefinitionId));
            }
            Appending.UnionWith(AddedCheckIns.Values);
            Appending.UnionWith(AddedResponses.Select(r => r.PersonId));
            return this;
        }
    }
}
