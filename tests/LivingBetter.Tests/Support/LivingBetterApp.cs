using System.Net;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
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

    /// <param name="databaseName">Reuse a database another instance created, to test what survives a restart.</param>
    /// <param name="settings">Configuration to override, such as sign-in limits.</param>
    protected LivingBetterApp(string? databaseName, IDictionary<string, string?>? settings)
    {
        Provider = TestDatabase.Provider;
        DatabaseName = databaseName ?? "lb_test_" + Guid.NewGuid().ToString("N")[..16];
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
            if (databaseName is null)
            {
                TestDatabase.CreatePostgresFromTemplate(DatabaseName);
            }
            _settings["Database:Provider"] = "Postgres";
            _settings["ConnectionStrings:Postgres"] = TestDatabase.PostgresConnectionString(DatabaseName);
        }
        else
        {
            var cs = TestDatabase.SqliteConnectionString(DatabaseName);
            // An in-memory database lives as long as one connection to it is open.
            _keepAlive = TestDatabase.KeepAlive(cs, copyTemplate: databaseName is null);
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
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
            logging.AddProvider(Logs);
        });
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

    /// <summary>Leave the database in place after this instance stops, for a second instance to open.</summary>
    public void KeepDatabaseAfterDispose() => _keepDatabase = true;

    public const string Password = "a long enough passphrase";
}

public static class TestDatabase
{
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("LB_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string SqliteConnectionString(string database) => $"Data Source=file:{database}?mode=memory&cache=shared";

    /// <summary>Opens the connection that keeps an in-memory database alive, first filling it from the migrated template when asked.</summary>
    public static SqliteConnection KeepAlive(string connectionString, bool copyTemplate = false)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (copyTemplate)
        {
            var template = SqliteTemplate.Value;
            lock (template)
            {
                template.BackupDatabase(connection);
            }
        }
        return connection;
    }

    /// <summary>An in-memory database migrated once for the whole run, held open by this connection.</summary>
    private static readonly Lazy<SqliteConnection> SqliteTemplate = new(() =>
    {
        var name = "lb_test_template_" + Guid.NewGuid().ToString("N")[..16];
        var cs = SqliteConnectionString(name);
        var connection = new SqliteConnection(cs);
        connection.Open();
        Migrate(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = cs });
        return connection;
    });

    /// <summary>A PostgreSQL database migrated once for the whole run; each test database is created as a copy of it.</summary>
    private static readonly Lazy<string> PostgresTemplate = new(() =>
    {
        var name = "lb_test_template_" + Guid.NewGuid().ToString("N")[..16];
        // No pooling: PostgreSQL copies a template only while nobody is connected to it.
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString(name)) { Pooling = false }.ConnectionString;
        Migrate(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = cs });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(name);
        return name;
    });

    private static readonly Lock PostgresCopies = new();

    public static void CreatePostgresFromTemplate(string database)
    {
        var template = PostgresTemplate.Value;
        lock (PostgresCopies)
        {
            using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"";
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
