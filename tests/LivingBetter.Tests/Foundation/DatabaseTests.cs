using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Foundation;

public sealed class DatabaseTests
{
    [Fact]
    public void Migrations_Sqlite_HaveNoPendingModelChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last SQLite migration: add one.");
    }

    [Fact]
    public void Migrations_Postgres_HaveNoPendingModelChanges()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last PostgreSQL migration: add one.");
    }

    [Fact]
    public void Migrations_BothProviders_HaveTheSameMigrationNames()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }

    [Fact]
    public async Task SqliteFile_AfterStartUp_IsInWalModeWithRolesSeeded()
    {
        var dir = Directory.CreateTempSubdirectory("lb-wal");
        try
        {
            var file = Path.Combine(dir.FullName, "sub", "lb.db");
            var services = new ServiceCollection()
                .AddLogging()
                .AddLivingBetterDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Sqlite"] = $"Data Source={file}",
                }).Build())
                .BuildServiceProvider();

            await services.PrepareDatabaseAsync();

            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
            await services.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}

public sealed class DemoOrganisationTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task DemoSeed_CreatesAFullOrganisationOnceAndEveryDemoRoleCanSignIn()
    {
        Assert.True(await DemoSetup.SeedDemoDataAsync(app.Services));
        Assert.False(await DemoSetup.SeedDemoDataAsync(app.Services));

        await app.WithDbAsync(async db =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Name == OrganisationDemoSeeder.OrganisationName);
            Assert.Equal(7, await db.Divisions.CountAsync(d => d.OrganisationId == org.Id));
            Assert.Equal(12, await db.Teams.CountAsync(t => t.OrganisationId == org.Id));
            Assert.Equal(OrganisationDemoSeeder.PeopleCount, await db.People.CountAsync());
            Assert.True(await db.StaffMemberships.CountAsync(s => s.JobRole == JobRole.PeerSupportWorker) >= 10);
            Assert.True(await db.SupporterLinks.CountAsync() > 30);
        });

        foreach (var account in DemoAccounts.All)
        {
            var client = app.NewClient();
            await app.SignInAsync(client, account.Email, DemoAccounts.Password, account.AuthenticatorKey);
            var home = await client.GetPageAsync("/");
            Assert.Contains($"Hello, {account.DisplayName}", home.MainText());
        }
    }
}

public sealed class RestartTests
{
    [Fact]
    public async Task SignedInPerson_AfterRestart_IsStillSignedIn()
    {
        using var first = new LivingBetterApp();
        var person = await first.CreatePersonAsync("Remy");
        var cookie = await SignInAndTakeCookieAsync(first, person);

        // A second host on the same database stands in for a restart: it has no keys in memory.
        using var second = LivingBetterApp.With(databaseName: first.DatabaseName);
        var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
            AllowAutoRedirect = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);

        Assert.Contains("Hello, Remy", (await Forms.ParseAsync(response)).MainText());
    }

    private static async Task<string> SignInAndTakeCookieAsync(LivingBetterApp app, Actor person)
    {
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lb.session=", StringComparison.Ordinal));
        return session.Split(';')[0];
    }
}

/// <summary>
/// Contexts and connections are pooled (ADR 0027): a request that leaves a transaction open, a lock held or a
/// context setting changed must hand the next request a clean context and connection.
/// </summary>
public sealed class PooledContextTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task AbandonedScope_LeavesNoTransactionLockOrSettingBehind()
    {
        const int lockKey = 427_027;
        var defaultTimeout = await app.WithDbAsync(db => Task.FromResult(db.Database.GetCommandTimeout()));

        // Twice, so the second round runs on a context (and connection) the first round abandoned.
        for (var round = 0; round < 2; round++)
        {
            var name = "Abandoned " + Guid.NewGuid().ToString("N");
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
                db.Database.SetCommandTimeout(1);
                db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                await db.Database.BeginTransactionAsync();
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})");
                }
                db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Name = name });
                await db.SaveChangesAsync();
            } // disposed without a commit

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
                Assert.Equal(defaultTimeout, db.Database.GetCommandTimeout());
                Assert.Equal(QueryTrackingBehavior.TrackAll, db.ChangeTracker.QueryTrackingBehavior);
                Assert.Null(db.Database.CurrentTransaction);
                Assert.False(await db.Organisations.AnyAsync(o => o.Name == name), "An abandoned transaction was committed.");
                if (db.Database.IsNpgsql())
                {
                    var held = await db.Database
                        .SqlQuery<int>($"SELECT CAST(count(*) AS integer) AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND objid = {lockKey}")
                        .SingleAsync();
                    Assert.Equal(0, held);
                    var inTransaction = await db.Database
                        .SqlQuery<bool>($"SELECT txid_current_if_assigned() IS NOT NULL AS \"Value\"")
                        .SingleAsync();
                    Assert.False(inTransaction);
                }
            }
        }
    }
}
