using System.Collections.Concurrent;

namespace LivingBetter.Web.Infrastructure;

public sealed class SignInThrottleOptions
{
    public int PerIpPerWindow { get; set; } = 30;
    public int PerAccountPerWindow { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Counts sign-in attempts per client address and per account in fixed windows. Lockout in Identity
/// protects an account that exists; this also slows guessing across many accounts from one place
/// and guessing at accounts that do not exist.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    // Bounded so that guesses at many made-up accounts cannot grow memory without limit.
    private const int MaxTrackedKeys = 50_000;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= options.Window)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    /// <summary>Records an attempt; returns how long to wait when over a limit, or null when the attempt may go ahead.</summary>
    public TimeSpan? Attempt(string? ipAddress, string? account)
    {
        var now = time.GetUtcNow();
        var ipWait = Count("ip:" + (ipAddress ?? "unknown"), options.PerIpPerWindow, now);
        var accountWait = string.IsNullOrWhiteSpace(account)
            ? null
            : Count("acct:" + account.Trim().ToUpperInvariant(), options.PerAccountPerWindow, now);
        if (ipWait is null && accountWait is null)
        {
            return null;
        }
        return (ipWait ?? TimeSpan.Zero) > (accountWait ?? TimeSpan.Zero) ? ipWait : accountWait;
    }

    private TimeSpan? Count(string key, int limit, DateTimeOffset now)
    {
        if (_windows.Count > MaxTrackedKeys)
        {
            Prune(now);
        }
        var window = _windows.GetOrAdd(key, _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= options.Window)
            {
                window.Start = now;
                window.Count = 0;
            }
            window.Count++;
            if (window.Count <= limit)
            {
                return null;
            }
            var wait = window.Start + options.Window - now;
            return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
        }
    }
}
