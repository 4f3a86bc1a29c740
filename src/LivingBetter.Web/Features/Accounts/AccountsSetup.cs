using System.Security.Claims;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Accounts;

public static class AccountsSetup
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        services.AddScoped<CurrentUser>();
        services.AddScoped<PersonAccess>();
        services.AddSingleton<Features.Audit.AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Audit.AuditWriter>());
        services.AddScoped<Features.Audit.AuditLog>();
        services.AddSingleton(configuration.GetSection("SignInThrottle").Get<SignInThrottleOptions>() ?? new SignInThrottleOptions());
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountService>();

        services.AddIdentity<AppUser, AppRole>(o =>
            {
                // Length, not composition rules: long passphrases are both stronger and easier to remember.
                o.Password.RequiredLength = PasswordMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<LivingBetterDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<MaxLengthPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
        services.AddApiTokens();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "lb.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = WebSetup.CookiePolicy(env);
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error?code=404";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status404NotFound);
            o.Events.OnValidatePrincipal = RevalidateWhenDueAsync;
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = WebSetup.CookiePolicy(env);
            });
        }
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // Revalidation rebuilds the principal from the database and would drop how the person signed in,
            // sending staff back to two-factor set-up a minute after signing in with their code.
            o.OnRefreshingPrincipal = ctx =>
            {
                var amr = ctx.CurrentPrincipal?.FindAll("amr").ToList() ?? [];
                if (amr.Count > 0 && ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaims(amr.Select(c => new Claim(c.Type, c.Value)));
                }
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Identity's security-stamp check, called only once the validation interval has passed since the cookie was
    /// issued, exactly when Identity's own validator would act. Identity's handler resolves that validator, a scoped
    /// service built on SignInManager and UserManager, for every request just to find it has nothing to do yet
    /// (about 3% of the CPU of a FHIR read by id, docs/PERFORMANCE.md).
    /// </summary>
    private static Task RevalidateWhenDueAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>
    /// The JSON and FHIR APIs: they answer with status codes rather than redirects to pages, and they alone take an API
    /// token instead of the session cookie (<see cref="ApiTokenSetup"/>).
    /// </summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir");

    // APIs answer with a status code, never a redirect to an HTML page; a forbidden item is "not found".
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApiPath(ctx.Request.Path))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        if (status == StatusCodes.Status404NotFound)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Staff and administrators can see other people's data, so they must have signed in with a second
    /// factor. Until they have, every page but account set-up sends them to set up an authenticator.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true
                && Roles.RequireTwoFactor.Any(user.IsInRole)
                && !user.HasClaim("amr", "mfa")
                && !IsAllowedWithoutSecondFactor(context.Request.Path))
            {
                if (IsApiPath(context.Request.Path))
                {
                    // In each API's own error shape, as the token errors are: FHIR clients read an OperationOutcome.
                    await ApiTokenErrors.WriteAsync(context, StatusCodes.Status403Forbidden, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden,
                        "Two-factor sign-in is required for staff accounts: sign in with a security code first.",
                        "https://livingbetter.invalid/problems/two-factor-required");
                    return;
                }
                context.Response.Redirect("/account/two-factor/setup?required=true");
                return;
            }
            await next();
        });

    private static bool IsAllowedWithoutSecondFactor(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/error") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/help");

    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/account").WithTags("Account");
        api.MapGet("/me", async (CurrentUser current, LivingBetterDbContext db, CancellationToken ct) =>
        {
            var id = current.RequiredId;
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).ToListAsync(ct);
            return TypedResults.Ok(new MeDto(user.Id, user.DisplayName, user.Email ?? "", user.TwoFactorEnabled, roles.OrderBy(r => r).ToList()));
        })
        .WithName("GetMe")
        .WithSummary("The signed-in account: name, email, whether two-factor sign-in is on, and roles.");
        return app;
    }
}

public sealed record MeDto(Guid Id, string DisplayName, string Email, bool TwoFactorEnabled, IReadOnlyList<string?> Roles);

public sealed class MaxLengthPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > AccountsSetup.PasswordMaxLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Password must be {AccountsSetup.PasswordMaxLength} characters or fewer.",
            })
            : IdentityResult.Success);
}

/// <summary>Account operations shared by the pages, the demo seeder and tests.</summary>
public sealed class AccountService(UserManager<AppUser> users, LivingBetterDbContext db, TimeProvider time)
{
    /// <summary>Creates a person's account and their person record together, or neither.</summary>
    public async Task<(AppUser? User, IdentityResult Result)> RegisterPersonAsync(string displayName, string email, string password, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = new AppUser
            {
                UserName = email.Trim(),
                Email = email.Trim(),
                DisplayName = displayName.Trim(),
                CreatedAt = time.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return ((AppUser?)null, result);
            }
            var roleResult = await users.AddToRoleAsync(user, Roles.Person);
            if (!roleResult.Succeeded)
            {
                return (null, roleResult);
            }
            db.People.Add(new Person
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                PreferredName = user.DisplayName,
                CreatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (user, IdentityResult.Success);
        });
    }

    public static IEnumerable<Claim> MfaClaims() => [new Claim("amr", "mfa")];
}
