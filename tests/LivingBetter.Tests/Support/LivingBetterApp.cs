using System.Net;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LivingBetter.Tests.Support;

/// <summary>
/// The test API: the real application over a fresh database (in-memory SQLite by default, or a
/// throw-away PostgreSQL database when LB_TEST_DB=postgres), with fake time and captured email.
/// </summary>
public class LivingBetterApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection? _keepAlive;
    private readonly string? _postgresDatabase;
    private readonly Dictionary<string, string?> _settings = [];

    public FakeTimeProvider Time { get; } = new(Start);
    public CapturingEmailSender Email { get; } = new();
    public CapturingLoggerProvider Logs { get; } = new();
    public DatabaseProvider Provider { get; }
    public string DatabaseName { get; }

    public LivingBetterApp() : this(null, null)
    {
    }

    /// <summary>An instance with settings of its own, or on the database of another instance.</summary>
    public static LivingBetterApp With(IDictionary<string, string?>? settings = null, string? databaseName = null) =>
        new(databaseName, settings);

    /// <summary>
    /// An instance whose database already holds the demo organisation, as <see cref="DemoSetup.SeedDemoDataAsync"/>
    /// seeds it: seeded once per test run and copied, since seeding 300 people takes seconds each time.
    /// </summary>
    public static LivingBetterApp WithDemoOrganisation() => new(null, null, DatabaseStart.DemoOrganisation);

    /// <summary>Reuse a database another instance created, to test what survives a restart.</summary>
    protected LivingBetterApp(string? databaseName, IDictionary<string, string?>? settings)
        : this(databaseName, settings, databaseName is null ? DatabaseStart.Migrated : DatabaseStart.Existing)
    {
    }

    /// <param name="databaseName">The database's name; a new one when null.</param>
    /// <param name="settings">Configuration to override, such as sign-in limits.</param>
    /// <param name="start">What the database holds before the application starts.</param>
    protected LivingBetterApp(string? databaseName, IDictionary<string, string?>? settings, DatabaseStart start)
    {
        Provider = TestDatabase.Provider;
        DatabaseName = databaseName ?? TestDatabase.NewName("lb_test_");
        if (settings is not null)
        {
            foreach (var (k, v) in settings)
            {
                _settings[k] = v;
            }
        }
        // A new database starts as a copy of one migrated once per test run (see TestDatabase), so start-up
        // finds every migration applied, as on a restart, instead of running them all again for every instance.
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgresDatabase = DatabaseName;
            if (start != DatabaseStart.Existing)
            {
                TestDatabase.CreatePostgresFromTemplate(DatabaseName, start);
            }
            _settings["Database:Provider"] = "Postgres";
            _settings["ConnectionStrings:Postgres"] = TestDatabase.PostgresConnectionString(DatabaseName);
        }
        else
        {
            var cs = TestDatabase.SqliteConnectionString(DatabaseName);
            // An in-memory database lives as long as one connection to it is open.
            _keepAlive = TestDatabase.KeepAlive(cs, start);
            _settings["Database:Provider"] = "Sqlite";
            _settings["ConnectionStrings:Sqlite"] = cs;
        }
        _settings.TryAdd("SignInThrottle:PerIpPerWindow", "100000");
        _settings.TryAdd("SignInThrottle:PerAccountPerWindow", "100000");
        _settings["Demo:SeedOnFirstRun"] = "false";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Host settings, unlike app configuration added here, are visible while Program registers services.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        // At the levels appsettings.json sets (its "Default" rule outranks any minimum set here); a test that wants
        // every level says so in its settings, as LoggingTests does.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            if (!RealPasswordHashing)
            {
                // The default (100,000 rounds of PBKDF2) costs about 75 ms a hash on CI's machine, and the suite hashes
                // for every account it makes and every sign-in. What is tested is how passwords are used, not the cost.
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashIterations);
            }
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Email);
        });
    }

    /// <summary>Password hashing rounds in tests unless <see cref="RealPasswordHashing"/> is set.</summary>
    public const int TestPasswordHashIterations = 1_000;

    /// <summary>Keep the application's own password hashing cost (for the test that checks it).</summary>
    public bool RealPasswordHashing { get; init; }

    /// <summary>A browser-like client: HTTPS (so secure cookies flow), cookies kept, redirects not followed.</summary>
    public HttpClient NewClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
        });

    public async Task<T> WithDbAsync<T>(Func<LivingBetterDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>());
    }

    public async Task WithDbAsync(Func<LivingBetterDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>());
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _keepAlive?.Dispose();
            if (_postgresDatabase is not null && !_keepDatabase)
            {
                TestDatabase.DropPostgres(_postgresDatabase);
            }
        }
    }

    private bool _keepDatabase;

    /// <summary>Copies this instance's in-memory SQLite database into another connection's.</summary>
    internal void CopySqliteDatabaseTo(SqliteConnection target) =>
        (_keepAlive ?? throw new InvalidOperationException("Not a SQLite instance.")).BackupDatabase(target);

    /// <summary>Leave the database in place after this instance stops, for a second instance to open.</summary>
    public void KeepDatabaseAfterDispose() => _keepDatabase = true;

    public const string Password = "a long enough passphrase";
}

/// <summary>What a test instance's database holds before the application starts.</summary>
public enum DatabaseStart
{
    /// <summary>Another instance's database, as it left it.</summary>
    Existing,

    /// <summary>Every migration applied and nothing else.</summary>
    Migrated,

    /// <summary>Migrated, with the demo organisation seeded.</summary>
    DemoOrganisation,
}

/// <summary>An instance whose database starts with the demo organisation, for class fixtures.</summary>
public class DemoOrganisationApp() : LivingBetterApp(null, null, DatabaseStart.DemoOrganisation);

public static class TestDatabase
{
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("LB_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>A database name of its own; every one starts <c>lb_test_</c>, which test.sh sweeps up if left behind.</summary>
    public static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public static string SqliteConnectionString(string database) => $"Data Source=file:{database}?mode=memory&cache=shared";

    /// <summary>Opens the connection that keeps an in-memory database alive, first filling it from a template unless it already exists.</summary>
    public static SqliteConnection KeepAlive(string connectionString, DatabaseStart start)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (start != DatabaseStart.Existing)
        {
            var template = start == DatabaseStart.DemoOrganisation ? SqliteDemoTemplate.Value : SqliteTemplate.Value;
            lock (template)
            {
                template.BackupDatabase(connection);
            }
        }
        return connection;
    }

    /// <summary>The demo organisation, seeded once for the whole run through the application and held open by this connection.</summary>
    private static readonly Lazy<SqliteConnection> SqliteDemoTemplate = new(() =>
    {
        var connection = new SqliteConnection(SqliteConnectionString(NewName("lb_test_template_demo_")));
        connection.Open();
        using var app = SeededDemo(null);
        app.CopySqliteDatabaseTo(connection);
        return connection;
    });

    /// <summary>A new instance (from the migrated template) with the demo organisation seeded in it.</summary>
    private static LivingBetterApp SeededDemo(string? databaseName)
    {
        var app = new TemplateApp(databaseName);
        try
        {
            if (!Task.Run(() => DemoSetup.SeedDemoDataAsync(app.Services)).GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The demo organisation was already there.");
            }
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private sealed class TemplateApp(string? databaseName) : LivingBetterApp(databaseName, null, DatabaseStart.Migrated);

    /// <summary>An in-memory database migrated once for the whole run, held open by this connection.</summary>
    private static readonly Lazy<SqliteConnection> SqliteTemplate = new(() =>
    {
        var name = NewName("lb_test_template_");
        var cs = SqliteConnectionString(name);
        var connection = new SqliteConnection(cs);
        connection.Open();
        Migrate(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = cs });
        return connection;
    });

    /// <summary>A PostgreSQL database migrated once for the whole run; each test database is created as a copy of it.</summary>
    private static readonly Lazy<string> PostgresTemplate = new(() =>
    {
        var name = NewName("lb_test_template_");
        // No pooling: PostgreSQL copies a template only while nobody is connected to it.
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString(name)) { Pooling = false }.ConnectionString;
        Migrate(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = cs });
        WithoutAutovacuum(cs);
        DropAtExit(name);
        return name;
    });

    /// <summary>
    /// Turns autovacuum off for every table, in the template and so in every copy: test databases live for seconds,
    /// and a worker that starts on one holds it against DROP DATABASE, which this role cannot override.
    /// </summary>
    private static void WithoutAutovacuum(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DO $$ DECLARE t record; BEGIN
              FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                EXECUTE format('ALTER TABLE %I.%I SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)', t.schemaname, t.tablename);
              END LOOP;
            END $$
            """;
        command.ExecuteNonQuery();
    }

    private static readonly List<(string Name, NpgsqlConnection Janitor)> PostgresTemplates = [];

    /// <summary>
    /// Drops the run's template databases when the test process ends. The test host is given a fraction of a
    /// second, less than one DROP DATABASE takes, so each template has a connection opened now and its DROP is
    /// only sent then: PostgreSQL finishes a statement it has been sent even when the client has gone. test.sh
    /// sweeps up anything left all the same.
    /// </summary>
    private static void DropAtExit(string database)
    {
        var janitor = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresConnectionString("postgres")) { Pooling = false }.ConnectionString);
        janitor.Open();
        lock (PostgresTemplates)
        {
            if (PostgresTemplates.Count == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    lock (PostgresTemplates)
                    {
                        var drops = PostgresTemplates.Select(t =>
                        {
                            var command = t.Janitor.CreateCommand();
                            command.CommandText = $"DROP DATABASE IF EXISTS \"{t.Name}\" WITH (FORCE)";
                            return command.ExecuteNonQueryAsync();
                        }).ToArray();
                        try
                        {
                            Task.WaitAll(drops, TimeSpan.FromSeconds(10));
                        }
                        catch (AggregateException)
                        {
                            // Left for test.sh.
                        }
                    }
                };
            }
            PostgresTemplates.Add((database, janitor));
        }
    }

    private static readonly Lazy<string> PostgresDemoTemplate = new(() =>
    {
        var name = NewName("lb_test_template_demo_");
        using (var app = SeededDemo(name))
        {
            app.KeepDatabaseAfterDispose();
        }
        // The instance's pooled connections would stop PostgreSQL copying the database.
        NpgsqlConnection.ClearAllPools();
        DropAtExit(name);
        return name;
    });

    private static readonly Lock PostgresCopies = new();

    public static void CreatePostgresFromTemplate(string database, DatabaseStart start)
    {
        var template = start == DatabaseStart.DemoOrganisation ? PostgresDemoTemplate.Value : PostgresTemplate.Value;
        lock (PostgresCopies)
        {
            using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
            connection.Open();
            using var command = connection.CreateCommand();
            // File by file, not through the write-ahead log (PostgreSQL 15's default): about half the time on the
            // tests' cluster, whose checkpoints cost little with fsync off (ADR 0026).
            command.CommandText = $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Migrates a database the way the application does at start-up (<see cref="DatabaseSetup.PrepareDatabaseAsync"/>).</summary>
    private static void Migrate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddLivingBetterDatabase(configuration).BuildServiceProvider();
        // Off any test's synchronisation context: this runs inside whichever test first needs a database.
        Task.Run(() => services.PrepareDatabaseAsync()).GetAwaiter().GetResult();
    }

    public static string PostgresConnectionString(string database)
    {
        var baseCs = Environment.GetEnvironmentVariable("LB_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=lb;Password=lb";
        return new NpgsqlConnectionStringBuilder(baseCs) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>
    /// Drops a test database. Best effort: an autovacuum worker that has just started on the new
    /// database cannot be ended by the test role, so a failed drop is retried and then left for later.
    /// </summary>
    public static void DropPostgres(string database)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }
}

public sealed class CapturingEmailSender : IEmailSender
{
    private readonly List<EmailMessage> _sent = [];

    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        lock (_sent)
        {
            _sent.Add(message);
        }
        return Task.CompletedTask;
    }

    public EmailMessage LastTo(string address) =>
        Sent.LastOrDefault(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No email was sent to {address}.");
}
