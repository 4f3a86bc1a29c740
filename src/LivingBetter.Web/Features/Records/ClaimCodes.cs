using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

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
}

/// <summary>
/// Locks out a client address after too many wrong claim codes in a window. A wrong code names no
/// invitation, so the lockout is per address rather than per invitation.
/// </summary>
public sealed class ClaimThrottle(ClaimThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _failures = new();
    private const int MaxTrackedKeys = 50_000;

    /// <summary>How long the address must wait, or null when it may try a code.</summary>
    public TimeSpan? Wait(string? ip)
    {
        var now = time.GetUtcNow();
        if (!_failures.TryGetValue(ip ?? "unknown", out var w) || now - w.Start >= options.Window || w.Count < options.FailuresPerWindow)
        {
            return null;
        }
        var wait = w.Start + options.Window - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    public void Failed(string? ip)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > MaxTrackedKeys)
        {
            foreach (var (key, value) in _failures)
            {
                if (now - value.Start >= options.Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
        _failures.AddOrUpdate(ip ?? "unknown", _ => (now, 1), (_, w) => now - w.Start >= options.Window ? (now, 1) : (w.Start, w.Count + 1));
    }
}
