using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// The code a person types (or the link they open) to claim a record staff started with them. Twelve
/// characters from an alphabet without look-alikes (no I, L, O, 0 or 1), about 59 bits: short enough to
/// read out or type from a letter, far too many to guess, especially with <see cref="ClaimThrottle"/>.
/// Only a SHA-256 hash of the normalised code is stored.
/// </summary>
public static class ClaimCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 12;

    public static string New()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return Format(new string(chars));
    }

    /// <summary>ABCD-EFGH-JKMN: easier to read aloud and copy.</summary>
    public static string Format(string normalised) =>
        normalised.Length == Length ? $"{normalised[..4]}-{normalised[4..8]}-{normalised[8..]}" : normalised;

    /// <summary>Upper case, without spaces or hyphens; null when it cannot be a code we made.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            return null;
        }
        var sb = new StringBuilder(Length);
        foreach (var c in code)
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper))
            {
                return null;
            }
            sb.Append(upper);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    public static string? Hash(string? code) =>
        Normalise(code) is { } n ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("claim:" + n))) : null;
}

public sealed class ClaimThrottleOptions
{
    public int FailuresPerWindow { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Base64 of at least 32 random bytes, the key for hashing client addresses (ADR 0024). Set it, kept out
    /// of the database, in production; without it a key is made once and kept in the database.
    /// </summary>
    public string? AddressKey { get; set; }
}

/// <summary>
/// Turns a client address into the keyed hash the lockout table keeps instead of the address (ADR 0024):
/// the table can say "this address again" but not which address it was, without the key.
/// </summary>
public sealed class ClaimAddressHasher
{
    public const int KeyBytes = 32;
    private byte[]? _key;

    public ClaimAddressHasher(ClaimThrottleOptions options)
    {
        if (string.IsNullOrEmpty(options.AddressKey))
        {
            return;
        }
        var buffer = new byte[options.AddressKey.Length];
        _key = Convert.TryFromBase64String(options.AddressKey, buffer, out var length) && length >= KeyBytes
            ? buffer[..length]
            : throw new InvalidOperationException($"ClaimThrottle:AddressKey must be base64 of at least {KeyBytes} random bytes.");
    }

    public async Task<string> HashAsync(LivingBetterDbContext db, string? address, CancellationToken ct)
    {
        var key = _key ??= await StoredKeyAsync(db, ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address ?? "unknown")));
    }

    /// <summary>The key made by whichever instance got there first; the others read it.</summary>
    private static async Task<byte[]> StoredKeyAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "ClaimLockoutKeys" ("Id", "Key") VALUES (1, {fresh}) ON CONFLICT ("Id") DO NOTHING""", ct);
        return await db.Set<ClaimLockoutKey>().AsNoTracking().Where(k => k.Id == 1).Select(k => k.Key).SingleAsync(ct);
    }
}

/// <summary>
/// Locks out a client address after too many wrong claim codes in a window. A wrong code names no
/// invitation, so the lockout is per address rather than per invitation. The count is in the database
/// (ADR 0024), so a restart does not reset it and every instance of the application shares it.
/// </summary>
public sealed class ClaimThrottle(ClaimThrottleOptions options, LivingBetterDbContext db, ClaimAddressHasher hasher, TimeProvider time)
{
    /// <summary>How long the address must wait, or null when it may try a code.</summary>
    public async Task<TimeSpan?> WaitAsync(string? ip, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hash = await hasher.HashAsync(db, ip, ct);
        var w = await db.Set<ClaimLockout>().AsNoTracking().Where(l => l.AddressHash == hash)
            .Select(l => new { l.WindowStart, l.Failures }).FirstOrDefaultAsync(ct);
        if (w is null || now - w.WindowStart >= options.Window || w.Failures < options.FailuresPerWindow)
        {
            return null;
        }
        var wait = w.WindowStart + options.Window - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    /// <summary>
    /// Counts a wrong code in one statement (insert, or add one, or start a new window), so attempts at the
    /// same moment from one address neither collide nor lose a count; then removes windows that are over.
    /// </summary>
    public async Task FailedAsync(string? ip, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Window;
        var hash = await hasher.HashAsync(db, ip, ct);
        // Raw SQL takes the column's stored form: ticks on SQLite, a timestamp on PostgreSQL.
        var converter = db.Model.FindEntityType(typeof(ClaimLockout))!.FindProperty(nameof(ClaimLockout.WindowStart))!.GetTypeMapping().Converter;
        object Stored(DateTimeOffset at) => converter?.ConvertToProvider(at) ?? at;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "ClaimLockouts" ("AddressHash", "WindowStart", "Failures") VALUES ({0}, {1}, 1)
            ON CONFLICT ("AddressHash") DO UPDATE SET
                "Failures" = CASE WHEN "ClaimLockouts"."WindowStart" <= {2} THEN 1 ELSE "ClaimLockouts"."Failures" + 1 END,
                "WindowStart" = CASE WHEN "ClaimLockouts"."WindowStart" <= {2} THEN {1} ELSE "ClaimLockouts"."WindowStart" END
            """, [hash, Stored(now), Stored(cutoff)], ct);
        await db.Set<ClaimLockout>().Where(l => l.WindowStart <= cutoff).ExecuteDeleteAsync(ct);
    }
}
