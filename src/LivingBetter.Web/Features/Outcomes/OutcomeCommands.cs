using LivingBetter.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>
/// <c>dotnet LivingBetter.Web.dll rebuild-outcome-summaries</c>: rebuilds every person's outcome summary rows from the
/// saved check-ins and measure responses, without starting the web host. Idempotent; the migration that added the
/// tables already did it once, so this is for after a restore or a bulk load straight into the tables.
/// </summary>
public static class OutcomeCommands
{
    public const string RebuildCommand = "rebuild-outcome-summaries";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != RebuildCommand).ToArray());
        builder.Services.AddLivingBetterDatabase(builder.Configuration);
        builder.Logging.ClearProviders();
        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await Console.Out.WriteLineAsync("This database is not up to date: start the app once (it applies the migrations, which fill the summaries).");
            return 2;
        }
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var (domains, measures) = await OutcomeSummaries.RebuildAllAsync(db);
        await Console.Out.WriteLineAsync($"Outcome summaries rebuilt: {domains} rows by area of life, {measures} rows by measure.");
        return 0;
    }
}
