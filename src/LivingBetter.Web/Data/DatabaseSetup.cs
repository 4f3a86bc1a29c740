using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LivingBetter.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/livingbetter.db";

    /// <summary>Registers the context for the provider named by <c>Database:Provider</c> (Sqlite by default).</summary>
    public static IServiceCollection AddLivingBetterDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        services.AddSingleton(new DatabaseInfo(provider));
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            services.AddDbContextPool<LivingBetterDbContext, PostgresLivingBetterDbContext>(o => o.UseNpgsql(WithConnectionDefaults(cs)));
        }
        else
        {
            var cs = configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnection;
            services.AddDbContextPool<LivingBetterDbContext, SqliteLivingBetterDbContext>(o =>
                o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance));
        }
        return services;
    }

    /// <summary>
    /// The Npgsql settings this app wants unless the connection string says otherwise (docs/PERFORMANCE.md):
    /// <list type="bullet">
    /// <item>Npgsql prepares the statements a connection runs again and again (the hot reads, the access-log
    /// insert, the summary upsert), so PostgreSQL skips parsing and planning them on every request (ADR 0022).
    /// The schema only changes through migrations at start-up, before any statement is prepared.</item>
    /// <item>A connection going back to the pool is not reset (ADR 0027). The reset is a batch of statements
    /// (closing cursors, resetting settings, releasing session locks, dropping temporary tables) that runs on
    /// every open, and this app never leaves any such state behind: it sets no session settings, listens to
    /// nothing, takes only transaction-scoped advisory locks and makes no temporary tables.</item>
    /// </list>
    /// </summary>
    public static string WithConnectionDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Auto Prepare", "AutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 3;
        }
        if (!Names(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;

        static bool Names(string text, string spaced, string joined) =>
            text.Contains(spaced, StringComparison.OrdinalIgnoreCase) || text.Contains(joined, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Applies migrations and, for a file-backed SQLite database, makes sure it runs in WAL mode.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var isFile = !string.IsNullOrEmpty(builder.DataSource)
                && builder.Mode != SqliteOpenMode.Memory
                && builder.DataSource != ":memory:"
                && !builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
            if (isFile)
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
                if (!string.IsNullOrEmpty(dir))
                {
                    Directory.CreateDirectory(dir);
                }
            }
            await MigrateIfBehindAsync(db, ct);
            if (isFile)
            {
                // WAL lets readers carry on while one writer saves; it is a property of the file, set once.
                var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode=WAL").ToListAsync(ct);
                if (!string.Equals(mode.FirstOrDefault(), "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite did not switch to WAL journal mode (it reports '{mode.FirstOrDefault()}').");
                }
            }
        }
        else
        {
            await MigrateIfBehindAsync(db, ct);
        }
    }

    /// <summary>
    /// Migrates only when a migration is missing from the database. EF Core's migrate also compares the whole
    /// model with the last migration's snapshot on every start, which costs more than the rest of starting up;
    /// that comparison is a developer's check, made by the tests (DatabaseTests) instead. A PostgreSQL database
    /// that does not exist yet is created by the migration, as before.
    /// </summary>
    private static async Task MigrateIfBehindAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct) || (await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider);

/// <summary>Sets per-connection SQLite settings: wait for a busy writer rather than fail at once.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    public const int BusyTimeoutMilliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
