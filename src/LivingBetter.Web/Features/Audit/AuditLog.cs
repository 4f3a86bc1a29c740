using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Audit;

/// <summary>
/// Appends to the hash-chained access log. Rows are written one at a time under a lock so that each
/// links to the row before it; the person's data itself never goes in.
/// </summary>
public sealed class AuditLog(LivingBetterDbContext db, CurrentUser user, TimeProvider time)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

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
        await Gate.WaitAsync(ct);
        try
        {
            entry.At = time.GetUtcNow();
            entry.PreviousHash = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? "";
            entry.Hash = ComputeHash(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

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
