using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
}
