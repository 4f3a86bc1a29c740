using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Audit;

/// <summary>
/// Appends to the hash-chained access log; the person's data itself never goes in. Each call returns
/// only once its row is committed. Ordinarily the row goes through the single <see cref="AuditWriter"/>,
/// which commits many requests' rows in one transaction (ADR 0015). When the caller's context has its
/// own open transaction or unsaved changes, the row is written here, inline, in that transaction or
/// save, exactly as before, so it commits or rolls back with the change it records.
/// </summary>
public sealed class AuditLog(LivingBetterDbContext db, CurrentUser user, TimeProvider time, AuditWriter writer)
{
    public Task RecordAsync(Guid? personId, string action, string part, AuditOutcome outcome = AuditOutcome.Allowed, CancellationToken ct = default) =>
        AppendAsync(new AuditEntry
        {
            ActorUserId = user.Id,
            ActorRole = user.PrimaryRole,
            PersonId = personId,
            Action = action,
            Part = part,
            Outcome = outcome,
            Via = user.ApiTokenName,
        }, ct);

    /// <summary>For events where the actor is not (yet) the signed-in user, such as accepting an invitation while creating an account.</summary>
    public Task RecordForActorAsync(Guid actorUserId, string actorRole, Guid? personId, string action, string part, AuditOutcome outcome = AuditOutcome.Allowed, CancellationToken ct = default) =>
        AppendAsync(new AuditEntry
        {
            ActorUserId = actorUserId,
            ActorRole = actorRole,
            PersonId = personId,
            Action = action,
            Part = part,
            Outcome = outcome,
        }, ct);

    private async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        entry.At = time.GetUtcNow();
        if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges()
            && await writer.TryAppendAsync(entry, ct))
        {
            return;
        }
        // Inline: in the caller's transaction when there is one, so the entry commits or rolls back with the change it
        // records (its place in the chain stays taken until then); otherwise in a transaction of its own around the
        // caller's unsaved changes.
        await AppendChainedAsync(db, [entry], ct);
    }

    /// <summary>
    /// Chains the entries, in order, after the chain's last entry and saves them with any other changes of the
    /// context, in one SaveChanges (so rows are numbered in chain order), in the context's open transaction or, when
    /// there is none, in one of its own. The unique index on the previous hash (ADR 0015) refuses a row chained after
    /// an entry that already has a successor; when another writer got there first, EF Core's savepoint undoes the
    /// save, and the entries are chained again after the new last entry.
    /// </summary>
    internal static async Task AppendChainedAsync(LivingBetterDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.AuditEntries.AddRange(entries);
        for (var attempt = 1; ; attempt++)
        {
            Chain(entries, await LastHashAsync(db, ct));
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException ex) when (IsChainConflict(ex) && attempt < MaxAttempts)
            {
                // Another writer appended after the end read above; the entries are still tracked as added, so the
                // loop reads the new end, chains them after it and saves again.
            }
        }
        if (own is not null)
        {
            await own.CommitAsync(ct);
        }
    }

    /// <summary>
    /// For the single writer (<see cref="AuditWriter"/>): chains the entries after <paramref name="last"/>, the chain's
    /// last hash as the writer last saw it (read afresh when null), and saves them all or none: on PostgreSQL as one
    /// statement (<see cref="InsertAllAsync"/>) in one round trip with no explicit transaction; on SQLite through EF
    /// Core, in its own transaction. Returns the new last hash. Throws a
    /// <see cref="DbUpdateException"/> for which <see cref="IsChainConflict"/> holds when another writer has appended
    /// since: nothing is saved, and the caller reads the chain's end again and retries.
    /// </summary>
    internal static async Task<string> AppendBatchAsync(LivingBetterDbContext db, IReadOnlyList<AuditEntry> entries, string? last, CancellationToken ct)
    {
        Chain(entries, last ?? await LastHashAsync(db, ct));
        if (db.Database.IsNpgsql())
        {
            await InsertAllAsync(db, entries, ct);
        }
        else
        {
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync(ct);
        }
        return entries[^1].Hash;
    }

    /// <summary>
    /// PostgreSQL: the entries as one INSERT of arrays, rows taken in chain order (so ids follow the chain), sent with
    /// no explicit transaction: one statement, one round trip, all rows or none. The same rows EF Core would write,
    /// without a statement and a returned id per entry (nothing reads the ids back).
    /// </summary>
    private static async Task InsertAllAsync(LivingBetterDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var insert = new Npgsql.NpgsqlCommand(InsertAllSql, (Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
            Add(insert, entries.Select(e => e.At));
            Add(insert, entries.Select(e => e.ActorUserId));
            Add(insert, entries.Select(e => e.ActorRole));
            Add(insert, entries.Select(e => e.PersonId));
            Add(insert, entries.Select(e => e.Action));
            Add(insert, entries.Select(e => e.Part));
            Add(insert, entries.Select(e => e.Outcome.ToString()));
            Add(insert, entries.Select(e => e.PreviousHash));
            Add(insert, entries.Select(e => e.Hash));
            Add(insert, entries.Select(e => e.Via));
            await insert.ExecuteNonQueryAsync(ct);
        }
        catch (Npgsql.PostgresException ex)
        {
            throw new DbUpdateException("Could not append to the access log.", ex);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        static void Add<T>(Npgsql.NpgsqlCommand command, IEnumerable<T> values) =>
            command.Parameters.Add(new Npgsql.NpgsqlParameter<T[]> { TypedValue = values.ToArray() });
    }

    private const string InsertAllSql = """
        INSERT INTO "AuditEntries" ("At", "ActorUserId", "ActorRole", "PersonId", "Action", "Part", "Outcome", "PreviousHash", "Hash", "Via")
        SELECT e.at, e.actor, e.role, e.person, e.action, e.part, e.outcome, e.previous, e.hash, e.via
        FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            WITH ORDINALITY AS e(at, actor, role, person, action, part, outcome, previous, hash, via, n)
        ORDER BY e.n
        """;

    /// <summary>Most attempts at appending when other writers keep getting there first.</summary>
    internal const int MaxAttempts = 5;

    /// <summary>The unique index that keeps the chain from forking: no two entries may follow the same one.</summary>
    internal const string ChainIndexName = "IX_AuditEntries_PreviousHash";

    /// <summary>True when a save failed because one of its entries followed an entry that already had a successor.</summary>
    internal static bool IsChainConflict(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && pg.ConstraintName == ChainIndexName,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode == 2067 // SQLITE_CONSTRAINT_UNIQUE
            && lite.Message.Contains("AuditEntries.PreviousHash", StringComparison.Ordinal),
        _ => false,
    };

    private static void Chain(IReadOnlyList<AuditEntry> entries, string previous)
    {
        foreach (var entry in entries)
        {
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }

    /// <summary>The chain's last hash as committed now (or as written earlier in the context's own transaction).</summary>
    private static async Task<string> LastHashAsync(LivingBetterDbContext db, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? "";

    public static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('|',
            e.PreviousHash, e.At.ToUnixTimeMilliseconds(), e.ActorUserId, e.ActorRole, e.PersonId, e.Action, e.Part, e.Outcome);
        // The token's name joined the entry later (2026-12-07): entries without one hash exactly as they always did.
        if (e.Via is not null)
        {
            text += "|via:" + e.Via;
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the whole chain; returns the id of the first row that does not match, or null when intact.</summary>
    public static async Task<long?> FindFirstBrokenRowAsync(LivingBetterDbContext db, CancellationToken ct = default)
    {
        var previous = "";
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.PreviousHash != previous || row.Hash != ComputeHash(row))
            {
                return row.Id;
            }
            previous = row.Hash;
        }
        return null;
    }
}
