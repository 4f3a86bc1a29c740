using BenchmarkDotNet.Attributes;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;

namespace LivingBetter.Benchmarks;

/// <summary>
/// Work done on every staff sign-in (checking a one-time code against three time steps) and on
/// every audited read (hashing the entry into the chain), so a regression here costs every page.
/// </summary>
[MemoryDiagnoser]
public class SecurityBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly byte[] _key = Base32.Decode("JBSWY3DPEHPK3PXPLIVINGBETTERSTAF");
    private string _currentCode = "";
    private AuditEntry _entry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _currentCode = Totp.Code(_key, Totp.TimeStep(Now));
        _entry = new AuditEntry
        {
            ActorUserId = Guid.NewGuid(),
            ActorRole = "Staff",
            PersonId = Guid.NewGuid(),
            Action = "Read",
            Part = "Safety plan",
            Outcome = AuditOutcome.Allowed,
            At = Now,
            PreviousHash = new string('a', 64),
        };
    }

    [Benchmark(Description = "TOTP: code for one step")]
    public string TotpCode() => Totp.Code(_key, Totp.TimeStep(Now));

    [Benchmark(Description = "TOTP: verify a right code (±1 step)")]
    public long? TotpVerifyRight() => Totp.MatchingStep(_key, _currentCode, Now);

    [Benchmark(Description = "TOTP: verify a wrong code (all 3 steps)")]
    public long? TotpVerifyWrong() => Totp.MatchingStep(_key, "000000", Now);

    [Benchmark(Description = "Audit: hash one entry")]
    public string AuditHash() => AuditLog.ComputeHash(_entry);
}
