using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LivingBetter.Benchmarks.Outcomes;

/// <summary>
/// The generated trust has no accounts. For timing the real outcomes page (bench/outcomes-page.sh) this adds one
/// organisation administrator to a generated database the way the app's own code does (ASP.NET Core Identity with the
/// app's options from <see cref="AccountsSetup.AddAccounts"/>, the OrgAdmin role, an authenticator key with two-factor
/// sign-in switched on, an administrator's staff membership of the benchmark trust), with a fixed password and key so
/// a script can sign in (<c>oathtool --totp -b KEY</c>). Idempotent: an account that is already there is left alone.
/// </summary>
public static class OutcomesAdmin
{
    public const string Email = "outcomes.admin@bench.livingbetter.example";
    public const string Password = "living-better-bench";

    /// <summary>Base32 of "outcomes-bench-admin"; a benchmark-only secret for made-up data, never used elsewhere.</summary>
    public const string AuthenticatorKey = "N52XIY3PNVSXGLLCMVXGG2BNMFSG22LO";

    public static async Task EnsureAsync(DatabaseProvider provider, string connection)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            [provider == DatabaseProvider.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres"] = connection,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLivingBetterDatabase(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration, builder.Environment);
        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        if (await users.FindByEmailAsync(Email) is not null)
        {
            Console.WriteLine($"{provider}: administrator {Email} is already there");
            return;
        }
        var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Benchmark administrator", CreatedAt = OutcomesData.Now };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, Roles.OrgAdmin));
        Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKey));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        db.StaffMemberships.Add(new StaffMembership
        {
            Id = Guid.NewGuid(),
            OrganisationId = OutcomesData.OrganisationId,
            UserId = user.Id,
            JobRole = JobRole.Manager,
            IsAdministrator = true,
            JoinedAt = OutcomesData.Now,
        });
        await db.SaveChangesAsync();
        Console.WriteLine($"{provider}: administrator {Email} added to the benchmark trust");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the benchmark administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
