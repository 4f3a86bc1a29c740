using System.Threading.Channels;
using Npgsql;

// The floor app of bench/fhir-ladder.sh: the same HTTPS, Kestrel and PostgreSQL as LivingBetter, and nothing
// else (no sign-in, no access decision, no EF Core, no FHIR model). Each endpoint adds one step, so the ladder
// shows what each step costs on the machine it runs on:
//   /answer            a stored answer from memory (TLS, HTTP, routing);
//   /row/{k}           one row read by key (a prepared statement);
//   /row-logged/{k}    the row and a log row inserted in the same round trip, committed before answering;
//   /row-grouped/{k}   the row, then a log row handed to one writer that commits whatever is queued as one
//                      statement and answers each request once its row is committed (the shape of ADR 0015).
// Settings (environment): FLOOR_PG (connection string), FLOOR_ANSWER (file served by /answer), ASPNETCORE_URLS.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();
builder.Logging.ClearProviders();
var connection = new NpgsqlConnectionStringBuilder(Setting("FLOOR_PG"))
{
    ApplicationName = "lb-floor",
    MaxAutoPrepare = 16,
    AutoPrepareMinUsages = 2,
    NoResetOnClose = true,
};
await using var source = NpgsqlDataSource.Create(connection.ConnectionString);
var answer = await File.ReadAllBytesAsync(Setting("FLOOR_ANSWER"));
var log = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });

var app = builder.Build();
app.MapGet("/answer", () => Results.Bytes(answer, "application/fhir+json"));
app.MapGet("/row/{k:long}", async (long k, CancellationToken ct) =>
{
    await using var read = source.CreateCommand("SELECT body::text FROM fhir_floor WHERE id = $1");
    read.Parameters.AddWithValue(k);
    return Row((string?)await read.ExecuteScalarAsync(ct));
});
app.MapGet("/row-logged/{k:long}", async (long k, CancellationToken ct) =>
{
    await using var conn = await source.OpenConnectionAsync(ct);
    await using var batch = new NpgsqlBatch(conn);
    batch.BatchCommands.Add(Command("SELECT body::text FROM fhir_floor WHERE id = $1", k));
    batch.BatchCommands.Add(Command("INSERT INTO fhir_floor_log (at, entry) VALUES (now(), $1)", "read " + k));
    await using var reader = await batch.ExecuteReaderAsync(ct);
    var body = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
    return Row(body);
});
app.MapGet("/row-grouped/{k:long}", async (long k, CancellationToken ct) =>
{
    await using var read = source.CreateCommand("SELECT body::text FROM fhir_floor WHERE id = $1");
    read.Parameters.AddWithValue(k);
    var body = (string?)await read.ExecuteScalarAsync(ct);
    var pending = new Pending("read " + k, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    await log.Writer.WriteAsync(pending, ct);
    await pending.Committed.Task;
    return Row(body);
});

var writer = Task.Run(async () =>
{
    var batch = new List<Pending>(256);
    while (await log.Reader.WaitToReadAsync())
    {
        batch.Clear();
        while (batch.Count < 256 && log.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }
        try
        {
            // One statement for the whole batch, as LivingBetter's access-log writer sends its batch.
            await using var insert = source.CreateCommand("INSERT INTO fhir_floor_log (at, entry) SELECT now(), e FROM unnest($1::text[]) AS e");
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Select(p => p.Entry).ToArray() });
            await insert.ExecuteNonQueryAsync();
            batch.ForEach(p => p.Committed.TrySetResult());
        }
        catch (Exception ex)
        {
            batch.ForEach(p => p.Committed.TrySetException(ex));
        }
    }
});

await app.RunAsync();
log.Writer.TryComplete();
await writer;

static string Setting(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set {name}.");

static IResult Row(string? body) => body is null ? Results.NotFound() : Results.Text(body, "application/fhir+json");

static NpgsqlBatchCommand Command<T>(string sql, T value)
{
    var command = new NpgsqlBatchCommand(sql);
    command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
    return command;
}

internal sealed record Pending(string Entry, TaskCompletionSource Committed);
