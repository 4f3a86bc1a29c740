using System.Net;
using System.Security.Cryptography;
using System.Text;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Records;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Records;

/// <summary>The wrong-code lockout is kept in the database (ADR 0024): it outlives a restart, keeps no address, and counts every attempt once.</summary>
public sealed partial class StartedRecordTests
{
    private static readonly ClaimThrottleOptions Limits = new();

    private static string Wrong(int i) => $"/claim/AAAA-BBBB-C{ClaimCodes.Alphabet[i / ClaimCodes.Alphabet.Length]}{ClaimCodes.Alphabet[i % ClaimCodes.Alphabet.Length]}C";

    private static async Task GuessWronglyAsync(HttpClient guesser, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync(Wrong(i))).StatusCode);
        }
    }

    [Fact]
    public async Task ClaimLockout_AppRestartedOnTheSameDatabase_StillLockedUntilTheWindowEnds()
    {
        var s = await StaffAsync();
        var code = await IssueCodeAsync(s.StaffClient, await StartAsync(s.StaffClient));
        await GuessWronglyAsync(app.NewClient(), Limits.FailuresPerWindow);

        using var restarted = LivingBetterApp.With(databaseName: app.DatabaseName);
        restarted.KeepDatabaseAfterDispose();
        restarted.Time.SetUtcNow(app.Time.GetUtcNow());
        var guesser = restarted.NewClient();

        var locked = await guesser.GetAsync($"/claim/{code}");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("There have been too many wrong codes. Wait 15 minutes and try again.", (await Forms.ParseAsync(locked)).MainText());
        Assert.Equal(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);
        var typed = await guesser.SubmitFormAsync("/claim", new Dictionary<string, string> { ["EnteredCode"] = code }, "handler=find");
        Assert.Equal(HttpStatusCode.TooManyRequests, typed.StatusCode);

        restarted.Time.Advance(Limits.Window);
        var open = await guesser.GetAsync($"/claim/{code}");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("Create an account", (await Forms.ParseAsync(open)).MainText());
    }

    [Fact]
    public async Task ClaimLockout_WrongCodes_KeepsAKeyedHashNotTheAddressAndPrunesEndedWindows()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var keyed = LivingBetterApp.With(new Dictionary<string, string?> { ["ClaimThrottle:AddressKey"] = Convert.ToBase64String(key) });
        var ended = new ClaimLockout { AddressHash = new string('0', 64), WindowStart = keyed.Time.GetUtcNow() - Limits.Window, Failures = 9 };
        await keyed.WithDbAsync(db => { db.Add(ended); return db.SaveChangesAsync(); });

        await GuessWronglyAsync(keyed.NewClient(), 3);

        var rows = await keyed.WithDbAsync(db => db.Set<ClaimLockout>().AsNoTracking().ToListAsync());
        var row = Assert.Single(rows);
        // The test server has no client address, so the application counts it as "unknown".
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("unknown"))), row.AddressHash);
        Assert.Equal(3, row.Failures);
        Assert.Equal(0, await keyed.WithDbAsync(db => db.Set<ClaimLockoutKey>().CountAsync()));
    }

    [Fact]
    public async Task ClaimLockout_ManyWrongCodesAtOnce_NoErrorAndEveryWrongCodeCountedOnce()
    {
        var guesser = app.NewClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2 * Limits.FailuresPerWindow).Select(i => guesser.GetAsync(Wrong(i))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
        var counted = await app.WithDbAsync(db => db.Set<ClaimLockout>().Select(l => l.Failures).SingleAsync());
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.NotFound), counted);
        Assert.True(counted >= Limits.FailuresPerWindow);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(Wrong(0))).StatusCode);
    }
}
