using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
        // Inline: in the caller's transaction when there is one, so the entry and the chain lock last until the
        // caller commits or rolls back; otherwise in a transaction of its own around the caller's unsaved changes.
        await AppendChainedAsync(db, [entry], ct);
    }

    /// <summary>
    /// Chains the entries, in order, after the chain's last entry and saves them with any other changes of the
    /// context, in one SaveChanges (so rows are numbered in chain order), in the context's open transaction or, when
    /// there is none, in one of its own.
    /// </summary>
    internal static async Task AppendChainedAsync(LivingBetterDbContext db, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var previous = await LockChainAsync(db, ct);
        foreach (var entry in entries)
        {
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
            db.AuditEntries.Add(entry);
        }
        if (own is null)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        // In a transaction of our own a failed save is rolled back whole, so EF Core's savepoint around the save (two
        // more round trips and a PostgreSQL subtransaction per batch) would protect nothing.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
        await own.CommitAsync(ct);
    }

    /// <summary>
    /// Takes the chain's lock in the context's open transaction, held until it commits or rolls back, and returns
    /// the chain's last hash as of then. On PostgreSQL the lock is a transaction-scoped advisory lock, so it holds
    /// across every instance of the app; on SQLite every transaction the app opens already holds the database's
    /// write lock (BEGIN IMMEDIATE). Either way no other writer can read the same last hash and fork the chain.
    /// </summary>
    private static async Task<string> LockChainAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // One round trip for both statements. Each statement of a batch reads with a snapshot of its own, taken
            // when it starts, so the last hash is read after the lock is granted and sees what its holder committed.
            // The two-key lock form is a lock space of its own, apart from the one-key locks of OutcomeSummaries.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"SELECT pg_advisory_xact_lock({ChainLockClass}, {ChainLockKey}); "
                + "SELECT \"Hash\" FROM \"AuditEntries\" ORDER BY \"Id\" DESC LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            return await reader.ReadAsync(ct) ? reader.GetString(0) : "";
        }
        return await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? "";
    }

    /// <summary>The PostgreSQL advisory lock that guards the chain: (LivingBetter, ADR 0015).</summary>
    internal const int ChainLockClass = 0x4C42, ChainLockKey = 15;

    public static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('|',
            e.PreviousHash, e.At.ToUnixTimeMilliseconds(), e.ActorUserId, e.ActorRole, e.PersonId, e.Action, e.Part, e.Outcome);
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
