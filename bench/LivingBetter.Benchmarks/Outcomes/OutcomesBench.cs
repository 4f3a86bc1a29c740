using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Outcomes;
using LivingBetter.Web.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace LivingBetter.Benchmarks.Outcomes;

/// <summary>
/// <c>dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes 10000 [--skip-load | --reuse] [--no-postgres] [--runs 5] [--division-only] [--admin] [--load-only]</c>:
/// writes the generated trust to SQLite (a file in the temp folder) and PostgreSQL (database
/// <c>lb_outcomes_&lt;people&gt;</c>) and DuckDB (a file in the temp folder), then times the same filtered report on
/// each: the app's own grouped queries (<see cref="OutcomeQuery"/>) on SQLite and PostgreSQL, and the same
/// aggregation written for DuckDB. <c>--admin</c> adds an organisation administrator to sign in as (<see cref="OutcomesAdmin"/>).
/// </summary>
public static class OutcomesBench
{
    private static int Runs = 5;
    private static readonly DateTimeOffsetToBinaryConverter ToBinary = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var skipLoad = args.Contains("--skip-load");
        var reuse = args.Contains("--reuse");
        var divisionOnly = args.Contains("--division-only");
        var runsAt = Array.IndexOf(args, "--runs");
        if (runsAt >= 0 && runsAt + 1 < args.Length && int.TryParse(args[runsAt + 1], CultureInfo.InvariantCulture, out var runs) && runs > 0)
        {
            Runs = runs;
        }
        var postgres = !args.Contains("--no-postgres");
        // --no-sqlite / --no-duckdb leave an engine out (e.g. while another process back-fills its database).
        var sqlite = !args.Contains("--no-sqlite");
        var duck = !args.Contains("--no-duckdb");
        var pgServer = Environment.GetEnvironmentVariable("LB_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=lb;Password=lb";
        var data = new OutcomesData(people);
        var dataAt = Array.IndexOf(args, "--data");
        var folder = dataAt >= 0 && dataAt + 1 < args.Length ? args[dataAt + 1] : Path.Combine(Path.GetTempPath(), "lb-outcomes-bench");
        Directory.CreateDirectory(folder);
        var sqlitePath = Path.Combine(folder, $"outcomes-{people}.db");
        var duckPath = Path.Combine(folder, $"outcomes-{people}.duckdb");
        var pgDatabase = $"lb_outcomes_{people}";
        var pgConnection = $"{pgServer};Database={pgDatabase};Command Timeout=0";
        Console.WriteLine($"Outcome reports benchmark: {people:N0} people, {people * data.CheckInsPerPerson:N0} check-ins, {people * data.CheckInsPerPerson * OutcomesData.DomainIds.Count:N0} ratings");

        var rebuild = args.Contains("--rebuild");
        if (!skipLoad)
        {
            if (sqlite && !(reuse && File.Exists(sqlitePath)))
            {
                await Timed("SQLite load", () => LoadSqliteAsync(data, sqlitePath));
                rebuild = true;
            }
            if (sqlite)
            {
                await Summaries("SQLite", Services(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"), rebuild);
            }
            if (postgres && !(reuse && await PostgresExistsAsync(pgServer, pgDatabase)))
            {
                await Timed("PostgreSQL load", () => LoadPostgresAsync(data, pgServer, pgDatabase, pgConnection));
                rebuild = true;
            }
            if (postgres)
            {
                await Summaries("PostgreSQL", Services(DatabaseProvider.Postgres, pgConnection), rebuild);
            }
            if (duck && !(reuse && File.Exists(duckPath)))
            {
                await Timed("DuckDB load", () => Task.Run(() => LoadDuckDb(data, duckPath)));
            }
        }

        if (args.Contains("--admin"))
        {
            // An organisation administrator to sign in as, for timing the real page (bench/outcomes-page.sh).
            if (sqlite)
            {
                await OutcomesAdmin.EnsureAsync(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}");
            }
            if (postgres)
            {
                await OutcomesAdmin.EnsureAsync(DatabaseProvider.Postgres, pgConnection);
            }
        }

        if (args.Contains("--load-only"))
        {
            return 0;
        }

        var filter = new OutcomeFilter { DivisionId = OutcomesData.DivisionId(2), By = Breakdown.AgeBand };
        var whole = new OutcomeFilter { By = Breakdown.Division };
        Console.WriteLine();
        Console.WriteLine("| engine | report | median | fastest | slowest | bench CPU per run | people counted (change rows) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var everyone = new OutcomeFilter();
        var reports = divisionOnly ? new[] { ("one division, by age band", filter) }
            : new[] { ("one division, by age band", filter), ("whole trust, by division", whole), ("whole trust, no breakdown", everyone) };
        foreach (var (label, f) in reports)
        {
            if (sqlite)
            {
                await Report("SQLite (EF Core, app query)", label, () => AppReportAsync(Services(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"), f));
            }
            if (postgres)
            {
                await Report("PostgreSQL (EF Core, app query)", label, () => AppReportAsync(Services(DatabaseProvider.Postgres, pgConnection), f));
            }
            if (duck)
            {
                await Report("DuckDB (same aggregation in SQL)", label, () => Task.Run(() => DuckReport(duckPath, f)));
            }
        }
        if (sqlite)
        {
            await RefreshCost("SQLite", Services(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"));
        }
        if (postgres)
        {
            await RefreshCost("PostgreSQL", Services(DatabaseProvider.Postgres, pgConnection));
        }
        return 0;
    }

    /// <summary>
    /// Fills the summary tables the way the app does: on a database made before them, by applying the migration
    /// (its back-fill); after a fresh load, or with <c>--rebuild</c>, with <see cref="OutcomeSummaries.RebuildAllAsync"/>.
    /// </summary>
    private static async Task Summaries(string engine, ServiceProvider services, bool rebuild)
    {
        await using (services)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                await Timed($"{engine} migrations {string.Join(", ", pending)} (OutcomeSummaries holds the back-fill)", () => db.Database.MigrateAsync());
            }
            else if (rebuild)
            {
                await Timed($"{engine} back-fill (OutcomeSummaries.RebuildAllAsync)", () => OutcomeSummaries.RebuildAllAsync(db));
            }
            if (pending.Count > 0 || rebuild)
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }
    }

    /// <summary>What saving a check-in now adds: rebuilding one person's summary rows from their own check-ins.</summary>
    private static async Task RefreshCost(string engine, ServiceProvider services)
    {
        await using (services)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            var people = await db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).Take(21).ToListAsync();
            var times = new List<double>();
            foreach (var person in people)
            {
                var clock = Stopwatch.StartNew();
                await using (var tx = await db.Database.BeginTransactionAsync())
                {
                    await OutcomeSummaries.RefreshAsync(db, [person], default);
                    await tx.CommitAsync();
                }
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.RemoveAt(0); // warm-up
            times.Sort();
            Console.WriteLine($"{engine}: one person's summary rebuilt (the extra work of a check-in save): median {times[times.Count / 2]:0.0} ms, slowest {times[^1]:0.0} ms ({times.Count} people)");
        }
    }

    private static async Task Timed(string what, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task Report(string engine, string label, Func<Task<long>> run)
    {
        var counted = await run(); // warm-up: caches and query plans, as on a page opened before
        var times = new List<double>();
        // CPU time of this process: on a shared machine the part of SQLite's (in-process) cost that is not waiting for a
        // CPU; for PostgreSQL only the client's share (the server's work is in another process).
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            counted = await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Runs;
        times.Sort();
        Console.WriteLine($"| {engine} | {label} | {times[Runs / 2]:0} ms | {times[0]:0} ms | {times[^1]:0} ms | {cpuPerRun:0} ms | {counted:N0} |");
    }

    private static ServiceProvider Services(DatabaseProvider provider, string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            [provider == DatabaseProvider.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres"] = connection,
        }).Build();
        return new ServiceCollection().AddLivingBetterDatabase(configuration).BuildServiceProvider();
    }

    /// <summary>What the report page asks the database for (cohort sizes, change per area of life and unmet need in one statement; the measures).</summary>
    private static async Task<long> AppReportAsync(ServiceProvider services, OutcomeFilter filter)
    {
        await using (services)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            var query = new OutcomeQuery(db);
            var year = OutcomesData.Now.Year;
            // One statement, as on the page: group sizes, change and unmet need per group and area of life.
            var (sizes, changes, unmet) = await query.AreasAsync(OutcomesData.OrganisationId, filter, year, default);
            // The page also reads the organisation's measures (none in this data set: one cheap query).
            _ = await query.MeasuresAsync(OutcomesData.OrganisationId, default);
            _ = sizes.Count + unmet.Count;
            return changes.Sum(c => (long)c.People);
        }
    }

    private static async Task SeedOrganisationAsync(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        await db.Database.MigrateAsync();
        db.Add(new Organisation { Id = OutcomesData.OrganisationId, Name = "Benchmark Trust", CreatedAt = OutcomesData.Now });
        for (var d = 0; d < OutcomesData.Divisions; d++)
        {
            db.Add(new Division { Id = OutcomesData.DivisionId(d), OrganisationId = OutcomesData.OrganisationId, Name = $"Division {d + 1}" });
        }
        for (var l = 0; l < OutcomesData.Localities; l++)
        {
            db.Add(new Locality { Id = OutcomesData.LocalityId(l), OrganisationId = OutcomesData.OrganisationId, Name = $"Locality {l + 1}" });
        }
        for (var t = 0; t < OutcomesData.Teams; t++)
        {
            db.Add(new Team
            {
                Id = OutcomesData.TeamId(t),
                OrganisationId = OutcomesData.OrganisationId,
                Name = $"Team {t + 1}",
                DivisionId = OutcomesData.DivisionId(t / OutcomesData.TeamsPerDivision),
                LocalityId = OutcomesData.LocalityId(t % OutcomesData.Localities),
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task LoadSqliteAsync(OutcomesData data, string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        await using (var services = Services(DatabaseProvider.Sqlite, $"Data Source={path}"))
        {
            await SeedOrganisationAsync(services);
        }
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            await pragma.ExecuteNonQueryAsync();
        }
        static SqliteCommand Command(SqliteConnection c, string sql, int parameters)
        {
            var command = c.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }
            return command;
        }
        static string Id(Guid g) => g.ToString().ToUpperInvariant();
        static long At(DateTimeOffset at) => (long)ToBinary.ConvertToProvider(at)!;
        static object Db(object? value) => value ?? DBNull.Value;

        var person = Command(connection, "INSERT INTO People (Id, PreferredName, BirthYear, Gender, Ethnicity, OptedOutOfReporting, CreatedAt) VALUES ($p0, 'Someone', $p1, $p2, $p3, $p4, $p5)", 6);
        var episode = Command(connection, "INSERT INTO CareEpisodes (Id, PersonId, TeamId, StartedAt, EndedAt) VALUES ($p0, $p1, $p2, $p3, $p4)", 5);
        var checkIn = Command(connection, "INSERT INTO CheckIns (Id, PersonId, At, Note, RecordedByUserId, ScaleMin, ScaleMax) VALUES ($p0, $p1, $p2, '', $p3, 1, 10)", 4);
        var rating = Command(connection, "INSERT INTO CheckInRatings (Id, CheckInId, DomainId, Rating, WantsHelp, Note) VALUES ($p0, $p1, $p2, $p3, $p4, '')", 5);
        var plan = Command(connection, "INSERT INTO Plans (Id, PersonId, Kind, CreatedAt, UpdatedAt, OfflineCopy) VALUES ($p0, $p1, 'Wellbeing', $p2, $p2, 0)", 3);
        var section = Command(connection, "INSERT INTO PlanSections (Id, PlanId, Key, State, Version, Content, UpdatedAt) VALUES ($p0, $p1, 'goals', 'Started', 1, $p2, $p3)", 4);
        var transaction = connection.BeginTransaction();
        var count = 0;
        foreach (var b in data.Generate())
        {
            foreach (var c in new[] { person, episode, checkIn, rating, plan, section })
            {
                c.Transaction = transaction;
            }
            Set(person, Id(b.Person.Id), b.Person.BirthYear, Db(b.Person.Gender), Db(b.Person.Ethnicity), b.Person.OptedOut ? 1 : 0, At(b.Person.CreatedAt));
            person.ExecuteNonQuery();
            foreach (var ep in b.Episodes)
            {
                Set(episode, Id(ep.Id), Id(b.Person.Id), Id(ep.TeamId), At(ep.StartedAt), ep.EndedAt is { } e ? At(e) : DBNull.Value);
                episode.ExecuteNonQuery();
            }
            foreach (var c in b.CheckIns)
            {
                Set(checkIn, Id(c.Id), Id(c.PersonId), At(c.At), Id(Guid.Empty));
                checkIn.ExecuteNonQuery();
            }
            foreach (var r in b.Ratings)
            {
                Set(rating, Id(r.Id), Id(r.CheckInId), Id(r.DomainId), r.Rating is { } v ? v : DBNull.Value, r.WantsHelp ? 1 : 0);
                rating.ExecuteNonQuery();
            }
            if (b.Goals is { } g)
            {
                Set(plan, Id(g.PlanId), Id(g.PersonId), At(OutcomesData.Now));
                plan.ExecuteNonQuery();
                Set(section, Id(g.SectionId), Id(g.PlanId), g.Content, At(OutcomesData.Now));
                section.ExecuteNonQuery();
            }
            if (++count % 2000 == 0)
            {
                transaction.Commit();
                transaction = connection.BeginTransaction();
            }
        }
        transaction.Commit();
        using var analyse = connection.CreateCommand();
        analyse.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
        await analyse.ExecuteNonQueryAsync();
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private static async Task LoadPostgresAsync(OutcomesData data, string server, string database, string connection)
    {
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        await using (var services = Services(DatabaseProvider.Postgres, connection))
        {
            await SeedOrganisationAsync(services);
        }
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        // Five passes over the generator (it is deterministic), one COPY per table, so each table streams in one go.
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"People\" (\"Id\", \"PreferredName\", \"BirthYear\", \"Gender\", \"Ethnicity\", \"OptedOutOfReporting\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var b in data.Generate())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(b.Person.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Someone", NpgsqlDbType.Text);
                await copy.WriteAsync(b.Person.BirthYear, NpgsqlDbType.Integer);
                await WriteNullable(copy, b.Person.Gender);
                await WriteNullable(copy, b.Person.Ethnicity);
                await copy.WriteAsync(b.Person.OptedOut, NpgsqlDbType.Boolean);
                await copy.WriteAsync(b.Person.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CareEpisodes\" (\"Id\", \"PersonId\", \"TeamId\", \"StartedAt\", \"EndedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var ep in data.Generate().SelectMany(b => b.Episodes))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(ep.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(ep.PersonId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(ep.TeamId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(ep.StartedAt, NpgsqlDbType.TimestampTz);
                if (ep.EndedAt is { } ended)
                {
                    await copy.WriteAsync(ended, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CheckIns\" (\"Id\", \"PersonId\", \"At\", \"Note\", \"RecordedByUserId\", \"ScaleMin\", \"ScaleMax\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in data.Generate().SelectMany(b => b.CheckIns))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.PersonId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(10, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CheckInRatings\" (\"Id\", \"CheckInId\", \"DomainId\", \"Rating\", \"WantsHelp\", \"Note\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in data.Generate().SelectMany(b => b.Ratings))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.CheckInId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.DomainId, NpgsqlDbType.Uuid);
                if (r.Rating is { } v)
                {
                    await copy.WriteAsync(v, NpgsqlDbType.Integer);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
                await copy.WriteAsync(r.WantsHelp, NpgsqlDbType.Boolean);
                await copy.WriteAsync("", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        var goals = data.Generate().Select(b => b.Goals).OfType<OutcomesData.GoalsRow>();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"Plans\" (\"Id\", \"PersonId\", \"Kind\", \"CreatedAt\", \"UpdatedAt\", \"OfflineCopy\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var g in goals)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(g.PlanId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(g.PersonId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Wellbeing", NpgsqlDbType.Varchar);
                await copy.WriteAsync(OutcomesData.Now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(OutcomesData.Now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"PlanSections\" (\"Id\", \"PlanId\", \"Key\", \"State\", \"Version\", \"Content\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var g in goals)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(g.SectionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(g.PlanId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("goals", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Started", NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(g.Content, NpgsqlDbType.Text);
                await copy.WriteAsync(OutcomesData.Now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using var analyse = new NpgsqlCommand("ANALYZE", conn);
        analyse.CommandTimeout = 600;
        await analyse.ExecuteNonQueryAsync();
    }

    private static async Task<bool> PostgresExistsAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection($"{server};Database=postgres");
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", database);
        return (long)(await exists.ExecuteScalarAsync())! > 0;
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text);
        }
    }

    private static void LoadDuckDb(OutcomesData data, string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE teams (id UUID, division_id UUID, locality_id UUID);
                CREATE TABLE people (id UUID, birth_year INTEGER, gender VARCHAR, ethnicity VARCHAR, opted_out BOOLEAN);
                CREATE TABLE episodes (person_id UUID, team_id UUID, ended_at TIMESTAMPTZ);
                CREATE TABLE checkins (id UUID, person_id UUID, checked_at TIMESTAMPTZ);
                CREATE TABLE ratings (checkin_id UUID, domain_id UUID, domain_key VARCHAR, rating INTEGER, wants_help BOOLEAN);
                CREATE TABLE goals (person_id UUID, content VARCHAR);
                """;
            create.ExecuteNonQuery();
        }
        using (var teams = connection.CreateAppender("teams"))
        {
            for (var t = 0; t < OutcomesData.Teams; t++)
            {
                teams.CreateRow().AppendValue(OutcomesData.TeamId(t)).AppendValue(OutcomesData.DivisionId(t / OutcomesData.TeamsPerDivision))
                    .AppendValue(OutcomesData.LocalityId(t % OutcomesData.Localities)).EndRow();
            }
        }
        var keys = OutcomesData.DomainIds.Zip(OutcomesData.DomainKeys).ToDictionary(x => x.First, x => x.Second);
        using var people = connection.CreateAppender("people");
        using var episodes = connection.CreateAppender("episodes");
        using var checkIns = connection.CreateAppender("checkins");
        using var ratings = connection.CreateAppender("ratings");
        using var goals = connection.CreateAppender("goals");
        foreach (var b in data.Generate())
        {
            people.CreateRow().AppendValue(b.Person.Id).AppendValue(b.Person.BirthYear).AppendValue(b.Person.Gender).AppendValue(b.Person.Ethnicity).AppendValue(b.Person.OptedOut).EndRow();
            foreach (var ep in b.Episodes)
            {
                episodes.CreateRow().AppendValue(b.Person.Id).AppendValue(ep.TeamId).AppendValue(ep.EndedAt?.UtcDateTime).EndRow();
            }
            foreach (var c in b.CheckIns)
            {
                checkIns.CreateRow().AppendValue(c.Id).AppendValue(c.PersonId).AppendValue(c.At.UtcDateTime).EndRow();
            }
            foreach (var r in b.Ratings)
            {
                ratings.CreateRow().AppendValue(r.CheckInId).AppendValue(r.DomainId).AppendValue(keys[r.DomainId]).AppendValue(r.Rating).AppendValue(r.WantsHelp).EndRow();
            }
            if (b.Goals is { } g)
            {
                goals.CreateRow().AppendValue(g.PersonId).AppendValue(g.Content).EndRow();
            }
        }
    }

    /// <summary>The same figures as the app's queries, written for DuckDB with arg_min/arg_max: the reference for how fast this can be.</summary>
    private static long DuckReport(string path, OutcomeFilter filter)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var year = OutcomesData.Now.Year;
        var where = filter.DivisionId is { } d ? $"AND t.division_id = '{d}'" : "";
        var group = filter.By switch
        {
            Breakdown.AgeBand => $"CASE WHEN p.birth_year >= {year - 25} THEN 'Under 26' WHEN p.birth_year >= {year - 35} THEN '26 to 35' WHEN p.birth_year >= {year - 50} THEN '36 to 50' WHEN p.birth_year >= {year - 65} THEN '51 to 65' ELSE '66 and over' END",
            Breakdown.Division => "CAST(t.division_id AS VARCHAR)",
            _ => "'Everyone'",
        };
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH cohort AS (
                SELECT DISTINCT e.person_id, {group} AS grp
                FROM episodes e JOIN people p ON p.id = e.person_id JOIN teams t ON t.id = e.team_id
                WHERE e.ended_at IS NULL AND NOT p.opted_out {where}),
            rated AS (
                SELECT c.person_id, r.domain_id, r.domain_key, c.checked_at, r.rating, r.wants_help
                FROM ratings r JOIN checkins c ON c.id = r.checkin_id
                WHERE r.rating IS NOT NULL AND c.person_id IN (SELECT person_id FROM cohort)),
            spans AS (
                SELECT person_id, domain_id, any_value(domain_key) AS domain_key, count(*) AS n,
                       arg_min(rating, checked_at) AS first, arg_max(rating, checked_at) AS last, arg_max(wants_help, checked_at) AS help
                FROM rated GROUP BY person_id, domain_id),
            sizes AS (SELECT grp, count(*) AS people FROM cohort GROUP BY grp),
            change AS (
                SELECT c.grp, s.domain_id, count(*) AS people, sum(CASE WHEN s.last > s.first THEN 1 ELSE 0 END) AS improved,
                       sum(CASE WHEN s.last < s.first THEN 1 ELSE 0 END) AS worse, sum(s.last - s.first) AS total
                FROM spans s JOIN cohort c USING (person_id) WHERE s.n > 1 GROUP BY c.grp, s.domain_id),
            unmet AS (
                SELECT c.grp, s.domain_id, count(*) AS rated,
                       sum(CASE WHEN s.last <= 3 AND s.help AND NOT EXISTS (
                           SELECT 1 FROM goals g WHERE g.person_id = s.person_id AND contains(g.content, '"domainKey":"' || s.domain_key || '"')) THEN 1 ELSE 0 END) AS unmet
                FROM spans s JOIN cohort c USING (person_id) GROUP BY c.grp, s.domain_id)
            SELECT CAST((SELECT sum(people) FROM change) AS BIGINT), (SELECT count(*) FROM unmet), (SELECT count(*) FROM sizes)
            """;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
