using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Demo;

/// <summary>
/// One part of the demo organisation. Later features add their own seeder (plans, check-ins, team
/// plans, courses) and register it with <see cref="DemoSetup.AddDemoSeeder{T}"/>; seeders run in
/// <see cref="Order"/> inside one transaction.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }
    Task SeedAsync(DemoSeedContext context, CancellationToken ct);
}

/// <summary>What seeders share: the database, a fixed random source so demo data is the same every run, and the accounts made so far.</summary>
public sealed class DemoSeedContext(LivingBetterDbContext db, IServiceProvider services, DateTimeOffset now)
{
    public LivingBetterDbContext Db { get; } = db;
    public IServiceProvider Services { get; } = services;
    public DateTimeOffset Now { get; } = now;
    public Random Random { get; } = new(20261124);

    /// <summary>How far back demo activity goes: a year and a half.</summary>
    public DateTimeOffset HistoryStart => Now.AddMonths(-18);

    public Model.Organisation Organisation { get; set; } = null!;
    public List<Team> Teams { get; } = [];
    public List<Person> People { get; } = [];
    public Dictionary<string, AppUser> Accounts { get; } = [];

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
}

/// <summary>The sign-ins listed in the README, one per role.</summary>
public static class DemoAccounts
{
    public const string Password = "living-better-demo";

    public sealed record Account(string Key, string Email, string DisplayName, string Role, string? AuthenticatorKey);

    public static readonly Account Person = new("person", "alex@demo.livingbetter.example", "Alex Morgan", Roles.Person, null);
    public static readonly Account Supporter = new("supporter", "sam@demo.livingbetter.example", "Sam Morgan", Roles.Supporter, null);
    public static readonly Account Staff = new("staff", "priya.care@demo.livingbetter.example", "Priya Shah", Roles.Staff, "JBSWY3DPEHPK3PXPLIVINGBETTERSTAF");
    public static readonly Account PeerWorker = new("peer", "jo.peer@demo.livingbetter.example", "Jo Adeyemi", Roles.Staff, "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4TT");
    public static readonly Account TeamLead = new("teamlead", "morgan.lead@demo.livingbetter.example", "Morgan Ellis", Roles.TeamLead, "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA");
    public static readonly Account Admin = new("admin", "admin@demo.livingbetter.example", "Ruth Okafor", Roles.OrgAdmin, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    /// <summary>Leads the Adult Mental Health Services division (ADR 0018); in no team, so sees no person.</summary>
    public static readonly Account DivisionLead = new("divisionlead", "dana.division@demo.livingbetter.example", "Dana Whitfield", Roles.Staff, "MRUXM2LTNFXW43DFMFSGKZDFNVXWIYLE");

    /// <summary>Sits on the board: reads the whole organisation's planning (ADR 0018).</summary>
    public static readonly Account BoardMember = new("board", "bernadette.board@demo.livingbetter.example", "Bernadette Clarke", Roles.Staff, "MJXWC4TEMJXWC4TEMFSGK3LCMVZHGYLE");

    public static readonly IReadOnlyList<Account> All = [Person, Supporter, Staff, PeerWorker, TeamLead, Admin, DivisionLead, BoardMember];
}

public static class DemoSetup
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddDemoSeeder<OrganisationDemoSeeder>();
        return services;
    }

    public static IServiceCollection AddDemoSeeder<T>(this IServiceCollection services) where T : class, IDemoSeeder =>
        services.AddScoped<IDemoSeeder, T>();

    /// <summary>Seeds the demo organisation on first run when <c>Demo:SeedOnFirstRun</c> is true.</summary>
    public static async Task SeedDemoDataIfWantedAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken ct = default)
    {
        if (!configuration.GetValue("Demo:SeedOnFirstRun", false))
        {
            return;
        }
        await SeedDemoDataAsync(services, ct);
    }

    /// <summary>Seeds the demo organisation unless one already exists. Returns false when there was nothing to do.</summary>
    public static async Task<bool> SeedDemoDataAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        if (await db.Organisations.AnyAsync(o => o.Name == OrganisationDemoSeeder.OrganisationName, ct))
        {
            return false;
        }
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("LivingBetter.Demo");
        logger.LogInformation("Seeding the demo organisation; this happens once.");
        var context = new DemoSeedContext(db, scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(context, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo organisation ready.");
        return true;
    }

    /// <summary>Creates a signed-in-able demo account with a fixed password and, for staff roles, a fixed authenticator key.</summary>
    public static async Task<AppUser> CreateDemoAccountAsync(DemoSeedContext context, DemoAccounts.Account account)
    {
        var users = context.Services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            CreatedAt = context.HistoryStart,
        };
        Check(await users.CreateAsync(user, DemoAccounts.Password));
        Check(await users.AddToRoleAsync(user, account.Role));
        if (account.AuthenticatorKey is { } key)
        {
            Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        context.Accounts[account.Key] = user;
        return user;
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
