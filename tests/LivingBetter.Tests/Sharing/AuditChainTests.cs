using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LivingBetter.Tests.Sharing;

public sealed class AuditChainTests
{
    [Fact]
    public async Task VerifyAudit_IntactThenOneRowEdited_ReportsThatRowAndFails()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Noor Vale");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value);
        var client = await app.SignInAsync(supporter);
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync($"/people/{person.PersonId}");
        }

        var output = new StringWriter();
        var exit = await app.WithDbAsync(db => AuditCommands.VerifyAsync(db, output));
        Assert.Equal(0, exit);
        Assert.Equal("Access log intact: 3 entries", output.ToString().Trim());

        // Someone with database access turns a refusal into an allowed look.
        var second = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Skip(1).Select(a => a.Id).FirstAsync());
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == second)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, AuditOutcome.Allowed).SetProperty(a => a.Action, "edited")));

        output = new StringWriter();
        exit = await app.WithDbAsync(db => AuditCommands.VerifyAsync(db, output));
        Assert.Equal(1, exit);
        Assert.Contains($"row {second}", output.ToString());
    }

    [Fact]
    public async Task EntryInsideAnOpenTransaction_HoldsTheChainUntilCommit_SoAnEntryMeanwhileChainsAfterIt()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        await using var inside = app.Services.CreateAsyncScope();
        var db = inside.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await inside.ServiceProvider.GetRequiredService<AuditLog>()
            .RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.inside-transaction", "Everything");

        // Meanwhile another request's entry goes through the writer: it must wait for the chain, not fork it.
        await using var outside = app.Services.CreateAsyncScope();
        var meanwhile = outside.ServiceProvider.GetRequiredService<AuditLog>()
            .RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.meanwhile", "Everything");
        await Task.Delay(500);
        Assert.False(meanwhile.IsCompleted, "An entry was chained while another transaction held an unfinished one.");
        await db.AuditEntries.CountAsync(); // the inside transaction goes on working
        await tx.CommitAsync();
        await meanwhile.WaitAsync(TimeSpan.FromSeconds(30));

        var actions = await app.WithDbAsync(d => d.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["test.inside-transaction", "test.meanwhile"], actions);
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task WriterAfterAnotherWriterAppended_ChainsAfterTheNewEnd()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        async Task RecordAsync(string action, bool inline = false)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            if (!inline)
            {
                await audit.RecordForActorAsync(actor, Roles.OrgAdmin, null, action, "Everything");
                return;
            }
            // The inline path, in a transaction of the caller's: the single writer does not see this entry go in.
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await audit.RecordForActorAsync(actor, Roles.OrgAdmin, null, action, "Everything");
            await tx.CommitAsync();
        }

        await RecordAsync("test.writer-first");
        await RecordAsync("test.inline", inline: true);
        await RecordAsync("test.writer-after"); // the writer's last hash is now stale: its first try must be refused

        var actions = await app.WithDbAsync(d => d.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["test.writer-first", "test.inline", "test.writer-after"], actions);
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task TwoTransactionsRecordingAtOnce_TheLaterChainsAfterTheEarlierOnceItCommits()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        await using var first = app.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        await using var firstTx = await firstDb.Database.BeginTransactionAsync();
        await first.ServiceProvider.GetRequiredService<AuditLog>().RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.first-transaction", "Everything");

        // The second reads the chain's end without the first's uncommitted entry, so it first tries to follow the
        // same entry; once the first commits that is refused, and it must chain after the first's entry instead.
        var second = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.second-transaction", "Everything");
            await tx.CommitAsync();
        });
        await Task.Delay(500);
        await firstTx.CommitAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(30));

        var actions = await app.WithDbAsync(d => d.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["test.first-transaction", "test.second-transaction"], actions);
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task TwoWritersAtOnce_AsTwoInstancesOfTheApp_NeitherForksTheChainNorLosesAnEntry()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var log = app.Services.GetRequiredService<ILogger<AuditWriter>>();
        await using var one = new AuditWriter(scopes, log);
        await using var two = new AuditWriter(scopes, log);

        // Round after round both write at once, so each finds the chain's end moved by the other since its last batch.
        for (var round = 0; round < 20; round++)
        {
            var written = await Task.WhenAll(
                one.TryAppendAsync(Entry(actor, $"test.{2 * round}"), CancellationToken.None),
                two.TryAppendAsync(Entry(actor, $"test.{2 * round + 1}"), CancellationToken.None));
            Assert.All(written, Assert.True);
        }

        var actions = await app.WithDbAsync(d => d.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"test.{i}").Order(), actions.Order());
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task BatchWithOneEntryRefused_SavesNoneOfIt()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        // Someone has already written an entry that follows the batch's first: the batch's second is refused.
        var first = Entry(actor, "test.first");
        first.PreviousHash = "";
        var taken = Entry(actor, "test.already-there");
        taken.PreviousHash = AuditLog.ComputeHash(first);
        taken.Hash = AuditLog.ComputeHash(taken);
        await app.WithDbAsync(async d =>
        {
            d.AuditEntries.Add(taken);
            await d.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() =>
            app.WithDbAsync(d => AuditLog.AppendBatchAsync(d, [Entry(actor, "test.first"), Entry(actor, "test.second")], "", CancellationToken.None)));

        Assert.True(AuditLog.IsChainConflict(refused), refused.ToString());
        var actions = await app.WithDbAsync(d => d.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Equal(["test.already-there"], actions);
    }

    [Fact]
    public async Task Batch_SavesEveryFieldAsGiven_InChainOrder()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        var person = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 7, 3, 30, 15, 123, TimeSpan.Zero);
        // An anonymous denial (no actor, no person), an allowed look at a person, and a third after them.
        AuditEntry[] batch =
        [
            new() { ActorRole = "Anonymous", Action = "test.denied", Part = "CheckIns", Outcome = AuditOutcome.Denied, At = at },
            new() { ActorUserId = actor, ActorRole = Roles.Person, PersonId = person, Action = "test.allowed", Part = "StayingWellPlan", At = at.AddMilliseconds(1) },
            new() { ActorUserId = actor, ActorRole = Roles.Person, PersonId = person, Action = "test.third", Part = "Everything", At = at.AddSeconds(1) },
        ];

        var last = await app.WithDbAsync(d => AuditLog.AppendBatchAsync(d, batch, "", CancellationToken.None));

        var rows = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(batch.Length, rows.Count);
        Assert.Equal(batch[^1].Hash, last);
        Assert.Equal("", rows[0].PreviousHash);
        for (var i = 0; i < batch.Length; i++)
        {
            var (sent, saved) = (batch[i], rows[i]);
            Assert.Equal((sent.ActorUserId, sent.ActorRole, sent.PersonId, sent.Action, sent.Part, sent.Outcome, sent.At, sent.PreviousHash, sent.Hash),
                (saved.ActorUserId, saved.ActorRole, saved.PersonId, saved.Action, saved.Part, saved.Outcome, saved.At, saved.PreviousHash, saved.Hash));
            Assert.Equal(AuditLog.ComputeHash(saved), saved.Hash);
        }
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task EntryInsideATransactionRolledBack_LeavesTheChainIntactForTheNext()
    {
        using var app = new LivingBetterApp();
        var actor = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.rolled-back", "Everything");
            await tx.RollbackAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordForActorAsync(actor, Roles.OrgAdmin, null, "test.after", "Everything");
        }

        var actions = await app.WithDbAsync(d => d.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["test.after"], actions);
        Assert.Null(await app.WithDbAsync(d => AuditLog.FindFirstBrokenRowAsync(d)));
    }

    [Fact]
    public async Task VerifyAudit_RowDeleted_DetectsTheGap()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsNewPersonAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync($"/people/{person.PersonId}");
        }
        var ids = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == ids[1]).ExecuteDeleteAsync());
        var output = new StringWriter();
        Assert.Equal(1, await app.WithDbAsync(db => AuditCommands.VerifyAsync(db, output)));
        Assert.Contains($"row {ids[2]}", output.ToString());
    }

    [Fact]
    public async Task AccessLog_NeverHoldsPlanContent()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Eden Marsh");
        await app.AddPlanWithMarkerAsync(person.PersonId!.Value, "MARKER-audit-9f2");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value);
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.StayingWellPlan);
        var client = await app.SignInAsync(supporter);
        await client.GetAsync($"/people/{person.PersonId}");
        var owner = await app.SignInAsync(person);
        await owner.GetAsync("/my-data?handler=download");
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain("MARKER", string.Join('|', r.Action, r.Part, r.ActorRole)));
    }

    [Fact]
    public async Task AccessLog_ManyLooksAtOnce_EveryLookRecordedAndTheChainIntact()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Rowan Hale");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value);
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.StayingWellPlan);
        var allowed = await app.SignInAsync(supporter);
        var strangerActor = await app.CreatePersonAsync("Sam Other");
        var stranger = await app.SignInAsync(strangerActor);
        Task<int> CountAsync(Guid actor, AuditOutcome outcome) =>
            app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorUserId == actor && a.Outcome == outcome));

        // One look each on its own, to learn how many entries a single look writes.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await allowed.GetAsync($"/people/{person.PersonId}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync($"/people/{person.PersonId}")).StatusCode);
        var perAllowedLook = await CountAsync(supporter.UserId, AuditOutcome.Allowed);
        var perDeniedLook = await CountAsync(strangerActor.UserId, AuditOutcome.Denied);
        Assert.True(perAllowedLook > 0 && perDeniedLook > 0);

        // Then twenty at once, half by someone who may not see the person.
        var looks = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? allowed : stranger).GetAsync($"/people/{person.PersonId}"))
            .ToList();
        var results = await Task.WhenAll(looks);

        Assert.Equal(10, results.Count(r => r.StatusCode == System.Net.HttpStatusCode.NotFound));
        Assert.Equal(10, results.Count(r => r.StatusCode == System.Net.HttpStatusCode.OK));
        Assert.Equal(11 * perAllowedLook, await CountAsync(supporter.UserId, AuditOutcome.Allowed));
        Assert.Equal(11 * perDeniedLook, await CountAsync(strangerActor.UserId, AuditOutcome.Denied));
        var output = new StringWriter();
        Assert.Equal(0, await app.WithDbAsync(db => AuditCommands.VerifyAsync(db, output)));
    }

    /// <summary>An entry as a writer gets it: not yet chained, at a fixed moment so its hash can be worked out in advance.</summary>
    private static AuditEntry Entry(Guid actor, string action) => new()
    {
        ActorUserId = actor,
        ActorRole = Roles.OrgAdmin,
        Action = action,
        Part = "Everything",
        At = DateTimeOffset.UnixEpoch,
    };
}
