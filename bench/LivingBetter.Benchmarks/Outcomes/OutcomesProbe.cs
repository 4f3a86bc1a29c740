using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LivingBetter.Benchmarks.Outcomes;

/// <summary>
/// <c>outcomes-probe &lt;sqlite|pg&gt; &lt;connection string&gt; &lt;file.sql&gt; &lt;none|rows|packed&gt; [SQLite pragma]</c>: runs one
/// statement four times on a fresh connection and prints wall-clock and this process's CPU time, reading the rows as
/// the mode says (none: only step through them; rows: (group, area, four numbers) counted in a dictionary; packed:
/// (group, packed text) split). Used to compare the report designs in ADR 0021 on the generated databases.
/// </summary>
public static class OutcomesProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var engine = args[0];
        var cs = args[1];
        var sqlFile = args[2];
        var sql = await File.ReadAllTextAsync(sqlFile);
        var mode = args.Length > 3 ? args[3] : "rows";
        for (var i = 0; i < 4; i++)
        {
            await using DbConnection conn = engine == "pg" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
            await conn.OpenAsync();
            if (engine != "pg" && args.Length > 4)
            {
                using var p = conn.CreateCommand();
                p.CommandText = args[4];
                await p.ExecuteNonQueryAsync();
            }
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            long rows = 0, sum = 0, chars = 0;
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                var agg = new Dictionary<(string, string), long>();
                while (await r.ReadAsync())
                {
                    rows++;
                    if (mode == "rows")
                    {
                        var g = r.GetString(0);
                        var d = r.GetString(1);
                        var key = (g, d);
                        agg[key] = agg.GetValueOrDefault(key) + r.GetInt32(2) + r.GetInt32(3) + r.GetInt32(4) + r.GetInt32(5);
                    }
                    else if (mode == "packed")
                    {
                        var g = r.GetString(0);
                        var s = r.GetString(1);
                        chars += s.Length;
                        foreach (var part in s.Split(';'))
                        {
                            sum += part.Length;
                        }
                    }
                }
            }
            Console.WriteLine($"{mode}: {clock.Elapsed.TotalMilliseconds:0} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms, rows {rows}, chars {chars}");
        }
        return 0;
    }
}
