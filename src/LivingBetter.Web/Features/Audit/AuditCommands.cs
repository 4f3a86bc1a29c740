using LivingBetter.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Audit;

/// <summary>`dotnet run -- verify-audit`: checks the access log's hash chain without starting the web host.</summary>
public static class AuditCommands
{
    public const string VerifyCommand = "verify-audit";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != VerifyCommand).ToArray());
        builder.Services.AddLivingBetterDatabase(builder.Configuration);
        builder.Logging.ClearProviders();
        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        return await VerifyAsync(scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>(), Console.Out);
    }

    /// <summary>Prints the result and returns the process exit code: 0 when intact, 1 when a row was changed or removed.</summary>
    public static async Task<int> VerifyAsync(LivingBetterDbContext db, TextWriter output, CancellationToken ct = default)
    {
        // Checking must never change the database, so an empty one is reported rather than created.
        if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            await output.WriteLineAsync("There is no access log here: this database has not been set up. Check the connection string.");
            return 2;
        }
        var broken = await AuditLog.FindFirstBrokenRowAsync(db, ct);
        if (broken is { } id)
        {
            await output.WriteLineAsync($"Access log broken: row {id} does not match the chain (it, or the row before it, was changed or removed).");
            return 1;
        }
        var count = await EntityFrameworkQueryableExtensions.LongCountAsync(db.AuditEntries, ct);
        await output.WriteLineAsync($"Access log intact: {count} entries");
        return 0;
    }
}
