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
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgresDatabase = DatabaseName;
            _settings["Database:Provider"] = "Postgres";
            _settings["ConnectionStrings:Postgres"] = TestDatabase.PostgresConnectionString(DatabaseName);
        }
        else
        {
            var cs = $"Data Source=file:{DatabaseName}?mode=memory&cache=shared";
            // An in-memory database lives as long as one connection to it is open.
            _keepAlive = TestDatabase.KeepAlive(cs);
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
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Email);
        });
    }

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

    private static readonly Dictionary<string, SqliteConnection> Open = [];

    public static SqliteConnection KeepAlive(string connectionString)
    {
        lock (Open)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            return connection;
        }
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
