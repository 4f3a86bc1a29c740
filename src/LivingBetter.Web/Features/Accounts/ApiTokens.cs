using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LivingBetter.Web.Features.Accounts;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.Property(t => t.Hint).HasMaxLength(4);
        e.Property(t => t.SecurityStamp).HasMaxLength(256);
        e.Property(t => t.Access).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Parts).HasMaxLength(80);
        // A token for one person's record goes with the record: never left to reach more.
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasIndex(t => new { t.UserId, t.CreatedAt });
        e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How a token stands now, as its holder's list shows it.</summary>
public enum ApiTokenState
{
    Active,
    Expired,
    Revoked,
    /// <summary>The account's password or two-factor set-up changed after it was made.</summary>
    Ended,
}

public sealed record ApiTokenView(Guid Id, string Name, string Hint, ApiTokenAccess Access, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, ApiTokenState State)
{
    /// <summary>How far it reaches; for one person's record, <see cref="PersonName"/> names them.</summary>
    public TokenScope Scope { get; init; } = TokenScope.Whole;

    /// <summary>The person's preferred name now, for a token limited to their record; null when the record is gone.</summary>
    public string? PersonName { get; init; }
}

/// <summary>The "Make a token" form as sent; <see cref="ApiTokenService.CreateAsync"/> checks each field and names what is wrong.</summary>
/// <param name="Person">Empty for every record the account may see, or the id of one of them.</param>
/// <param name="Parts">The names of the parts it may reach (<see cref="SharedPart"/>); at least one.</param>
public sealed record ApiTokenRequest(string? Name, ApiTokenAccess? Access, int? LifetimeDays, string? Person, IReadOnlyList<string> Parts);

/// <summary>A new token: its record, and the secret, which is shown this once and kept nowhere.</summary>
public sealed record NewApiToken(ApiTokenView Token, string Secret);

/// <summary>Making, listing, revoking and checking API tokens (ADR 0013, amended 2026-12-07).</summary>
public sealed class ApiTokenService(LivingBetterDbContext db, TimeProvider time, ApiTokenChecks checks)
{
    public const string Prefix = "lbt_";
    public const int MaxActivePerAccount = 10;
    public static readonly IReadOnlyList<int> LifetimesInDays = [7, 30, 90];
    public const int DefaultLifetimeInDays = 30;

    /// <summary>Claim naming the token a request came with.</summary>
    public const string TokenClaim = "lb:token";
    /// <summary>Claim holding the token's <see cref="ApiTokenAccess"/>.</summary>
    public const string AccessClaim = "lb:token-access";

    /// <summary>The form's value for "every record you can see".</summary>
    public const string EveryRecord = "";

    // How stale the last-used time may be before a use writes it again: one write an hour, not one per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The account's tokens, newest first, with how each stands now and whose record each is limited to.</summary>
    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(Guid userId, CancellationToken ct)
    {
        var tokens = (await TokensAsync(userId, ct)).Tokens;
        var people = tokens.Select(t => t.Scope.PersonId).OfType<Guid>().Distinct().ToList();
        if (people.Count == 0)
        {
            return tokens;
        }
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PreferredName, ct);
        return [.. tokens.Select(t => t.Scope.PersonId is { } p ? t with { PersonName = names.GetValueOrDefault(p) } : t)];
    }

    /// <summary>The account's security stamp now, and its tokens, newest first, with how each stands against it.</summary>
    private async Task<(string Stamp, List<ApiTokenView> Tokens)> TokensAsync(Guid userId, CancellationToken ct)
    {
        var stamp = await StampAsync(userId, ct);
        var rows = await db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        // Tokens that stopped working some time ago are only clutter: they go, here, as the holder next looks.
        var gone = rows.Where(IsGone).Select(t => t.Id).ToList();
        if (gone.Count > 0)
        {
            await db.Set<ApiToken>().Where(t => t.UserId == userId && gone.Contains(t.Id)).ExecuteDeleteAsync(ct);
        }
        return (stamp, [.. rows.Where(t => !gone.Contains(t.Id)).OrderByDescending(t => t.CreatedAt).Select(t => View(t, stamp))]);
    }

    /// <summary>How long a token that no longer works stays on its holder's list: after revoking or expiry.</summary>
    public static readonly TimeSpan KeptOnTheListAfterItEnds = TimeSpan.FromDays(30);

    // Revoked: from the revoke. Expired, or ended by a security change (a time not recorded): from its expiry, at most
    // 90 days after it was made. Its uses stay in the access log under the token's name either way.
    private bool IsGone(ApiToken t) => (t.RevokedAt ?? t.ExpiresAt) + KeptOnTheListAfterItEnds <= time.GetUtcNow();

    private async Task<string> StampAsync(Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct) ?? "";

    private ApiTokenView View(ApiToken t, string stamp) =>
        new(t.Id, t.Name, t.Hint, t.Access, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, StateOf(t.RevokedAt, t.ExpiresAt, t.SecurityStamp, stamp))
        {
            Scope = new TokenScope(t.PersonId, TokenScope.ParseParts(t.Parts)),
        };

    private ApiTokenState StateOf(DateTimeOffset? revokedAt, DateTimeOffset expiresAt, string tokenStamp, string accountStamp) =>
        revokedAt is not null ? ApiTokenState.Revoked
        : expiresAt <= time.GetUtcNow() ? ApiTokenState.Expired
        : tokenStamp != accountStamp ? ApiTokenState.Ended
        : ApiTokenState.Active;

    /// <summary>
    /// Makes a token, or says what is wrong with the request, field by field (keys are the form's field names).
    /// </summary>
    /// <param name="visiblePeople">Whose records the account may see now (<see cref="PersonAccess.VisiblePeopleAsync"/>): a token for one record must name one of them.</param>
    public async Task<(NewApiToken? Made, Dictionary<string, string> Problems)> CreateAsync(
        Guid userId, ApiTokenRequest request, IReadOnlyList<VisiblePerson> visiblePeople, bool madeWithSecondFactor, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        var (access, lifetimeDays) = (request.Access, request.LifetimeDays);
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems["Name"] = "Enter a name for the token, such as the program that will use it";
        }
        else if (name.Length > ApiToken.NameMaxLength)
        {
            problems["Name"] = $"Name must be {ApiToken.NameMaxLength} characters or fewer";
        }
        if (access is null || !Enum.IsDefined(access.Value))
        {
            problems["Access"] = "Choose what the token may do";
        }
        if (lifetimeDays is null || !LifetimesInDays.Contains(lifetimeDays.Value))
        {
            problems["LifetimeDays"] = "Choose how long the token lasts: 7, 30 or 90 days";
        }
        Guid? personId = null;
        if (!string.IsNullOrEmpty(request.Person))
        {
            if (Guid.TryParse(request.Person, out var id) && visiblePeople.Any(p => p.Id == id))
            {
                personId = id;
            }
            else
            {
                problems["Person"] = "Choose whose records the token may reach from the list";
            }
        }
        var chosen = request.Parts.Select(EnumNames.Parse<SharedPart>).ToList();
        if (chosen.Count == 0 || chosen.Any(p => p is null))
        {
            problems["Parts"] = chosen.Count == 0 ? "Choose at least one part the token may reach" : "Choose the parts the token may reach from the list";
        }
        var scope = new TokenScope(personId, TokenScope.PartsFrom(chosen.OfType<SharedPart>()));
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Two makes at once for one account wait for each other here, so neither can pass the limit or take a name
            // the other is taking: writing the account's row (to what it already holds) locks it until the commit on
            // PostgreSQL, and takes SQLite's one write lock.
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), ct);
            var made = await CreateLockedAsync(userId, name, access, lifetimeDays, scope, madeWithSecondFactor, problems, ct);
            await tx.CommitAsync(ct);
            return (made, problems);
        });
    }

    private async Task<NewApiToken?> CreateLockedAsync(Guid userId, string name, ApiTokenAccess? access, int? lifetimeDays, TokenScope scope,
        bool madeWithSecondFactor, Dictionary<string, string> problems, CancellationToken ct)
    {
        var (stamp, tokens) = await TokensAsync(userId, ct);
        var active = tokens.Where(t => t.State == ApiTokenState.Active).ToList();
        if (!problems.ContainsKey("Name") && active.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            problems["Name"] = $"You already have a token called ‘{name}’ that works: choose another name, or revoke that one first";
        }
        else if (problems.Count == 0 && active.Count >= MaxActivePerAccount)
        {
            problems["Name"] = $"You have {MaxActivePerAccount} tokens that work, the most an account can have: revoke one you no longer use first";
        }
        if (problems.Count > 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var secret = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name,
            Hash = HashOf(secret),
            Hint = secret[^4..],
            Access = access!.Value,
            PersonId = scope.PersonId,
            Parts = TokenScope.Format(scope.Parts),
            SecurityStamp = stamp,
            MadeWithSecondFactor = madeWithSecondFactor,
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays!.Value),
        };
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return new NewApiToken(View(token, stamp), secret);
    }

    /// <summary>One of the account's own tokens that still works, for the revoke page; null for anyone else's or one that has ended.</summary>
    public async Task<ApiTokenView?> FindActiveAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        var view = token is null ? null : View(token, await StampAsync(userId, ct));
        return view is { State: ApiTokenState.Active } ? view : null;
    }

    /// <summary>Revokes one of the account's own tokens; false when there is no such token or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hash = await db.Set<ApiToken>().Where(t => t.Id == tokenId && t.UserId == userId).Select(t => t.Hash).FirstOrDefaultAsync(ct);
        var revoked = await db.Set<ApiToken>()
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
        if (hash is not null)
        {
            checks.Forget(hash);
        }
        return revoked;
    }

    private sealed record TokenRow(Guid Id, string Name, Guid UserId, ApiTokenAccess Access, Guid? PersonId, string? Parts, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
        DateTimeOffset? LastUsedAt, string TokenStamp, bool MadeWithSecondFactor, string? UserName, string DisplayName, string? AccountStamp, DateTimeOffset? LockoutEnd, string? Role);

    // Compiled once: a token is checked on every API request it comes with, in one round trip: the token joined to
    // its account and the account's roles, one row per role (one row with no role for an account without any).
    private static readonly Func<LivingBetterDbContext, string, IAsyncEnumerable<TokenRow>> TokenByHash =
        EF.CompileAsyncQuery((LivingBetterDbContext db, string hash) =>
            from t in db.Set<ApiToken>().AsNoTracking()
            where t.Hash == hash
            join u in db.Users on t.UserId equals u.Id
            join role in (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
                on t.UserId equals role.UserId into roles
            from role in roles.DefaultIfEmpty()
            select new TokenRow(t.Id, t.Name, t.UserId, t.Access, t.PersonId, t.Parts, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.SecurityStamp, t.MadeWithSecondFactor,
                u.UserName, u.DisplayName, u.SecurityStamp, u.LockoutEnd, role == null ? null : role.Name));

    /// <summary>
    /// The account a presented secret stands for, as a principal with its roles, or null when the secret is not a
    /// token that works now (unknown, revoked, expired, ended by a security change, or its account locked).
    /// A token that worked is trusted for up to the security-stamp validation interval (one minute) without being
    /// read again, as a session cookie is (see <see cref="ApiTokenChecks"/>); its expiry is checked every time.
    /// </summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string secret, string roleClaimType, CancellationToken ct)
    {
        if (secret.Length is < 20 or > 100 || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = HashOf(secret);
        var now = time.GetUtcNow();
        if (checks.Find(hash, now) is not { } token)
        {
            token = await ReadAsync(hash, now, ct);
            if (token is null)
            {
                return null;
            }
            checks.Remember(hash, token);
        }
        if (token.ExpiresAt <= now)
        {
            checks.Forget(hash);
            return null;
        }
        if (token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await db.Set<ApiToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            checks.Remember(hash, token with { LastUsedAt = now });
        }
        var identity = new ClaimsIdentity(ApiTokenDefaults.Scheme, ClaimTypes.Name, roleClaimType);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, token.UserName));
        identity.AddClaim(new Claim(LivingBetterClaims.DisplayName, token.DisplayName));
        foreach (var role in token.Roles)
        {
            identity.AddClaim(new Claim(roleClaimType, role));
        }
        if (token.MadeWithSecondFactor)
        {
            identity.AddClaim(new Claim("amr", "mfa"));
        }
        identity.AddClaim(new Claim(TokenClaim, token.Id.ToString()));
        identity.AddClaim(new Claim(LivingBetterClaims.ApiTokenName, token.Name));
        identity.AddClaim(new Claim(AccessClaim, token.Access.ToString()));
        if (token.PersonId is { } only)
        {
            identity.AddClaim(new Claim(LivingBetterClaims.TokenPerson, only.ToString()));
        }
        if (token.Parts is { } parts)
        {
            identity.AddClaim(new Claim(LivingBetterClaims.TokenParts, parts));
        }
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The token and its account as they stand in the database now, or null when it does not work.</summary>
    private async Task<CheckedToken?> ReadAsync(string hash, DateTimeOffset now, CancellationToken ct)
    {
        TokenRow? row = null;
        var roles = new List<string>();
        await foreach (var r in TokenByHash(db, hash).WithCancellation(ct))
        {
            row ??= r;
            if (r.Role is { } role)
            {
                roles.Add(role);
            }
        }
        return row is null || row.RevokedAt is not null || row.ExpiresAt <= now || row.TokenStamp != row.AccountStamp
            || (row.LockoutEnd is { } lockedUntil && lockedUntil > now)
            ? null
            : new CheckedToken(row.Id, row.Name, row.UserId, row.Access, row.PersonId, row.Parts, row.ExpiresAt, row.MadeWithSecondFactor, row.UserName ?? "", row.DisplayName, roles, now, row.LastUsedAt);
    }
}

/// <summary>A token found working at <see cref="CheckedAt"/>, with what the principal needs.</summary>
public sealed record CheckedToken(Guid Id, string Name, Guid UserId, ApiTokenAccess Access, Guid? PersonId, string? Parts, DateTimeOffset ExpiresAt, bool MadeWithSecondFactor,
    string UserName, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CheckedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// Tokens found working in the last security-stamp validation interval (one minute), by fingerprint, so a program's
/// requests do not each read its token and account again. A session cookie is trusted the same way: a new password,
/// a lockout or a role change reaches both within that minute. Revoking a token forgets it here at once; on
/// another instance of the application it stops within the minute. Only tokens that worked are remembered, so
/// made-up ones cannot fill it; entries leave after the interval.
/// </summary>
public sealed class ApiTokenChecks(IMemoryCache cache, IOptions<SecurityStampValidatorOptions> stamps)
{
    private TimeSpan Interval => stamps.Value.ValidationInterval;

    private static string Key(string hash) => "api-token:" + hash;

    public CheckedToken? Find(string hash, DateTimeOffset now) =>
        cache.TryGetValue(Key(hash), out CheckedToken? token) && token is not null && now - token.CheckedAt < Interval && now >= token.CheckedAt
            ? token : null;

    public void Remember(string hash, CheckedToken token) => cache.Set(Key(hash), token, Interval);

    public void Forget(string hash) => cache.Remove(Key(hash));
}

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";

    /// <summary>Chooses, per request, between the session cookie and an API token.</summary>
    public const string SelectorScheme = "CookieOrApiToken";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Authenticates <c>Authorization: Bearer lbt_…</c> on the APIs as the token's account. A request with no bearer
/// header never reaches here (see <see cref="ApiTokenDefaults.SelectorScheme"/>).
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Refused = "The API token is not valid: it may be mistyped, revoked, expired, or ended by a change to the account's password or two-factor sign-in.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokenDefaults.HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var principal = await tokens.AuthenticateAsync(secret, identity.Value.ClaimsIdentity.RoleClaimType, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail(Refused)
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"LivingBetter\", error=\"invalid_token\"";
        await ApiTokenErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, Hl7.Fhir.Model.OperationOutcome.IssueType.Login, Refused);
    }

    // As with the session cookie, something the caller may not see is "not found".
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

public static class ApiTokenErrors
{
    /// <summary>
    /// An OperationOutcome on the FHIR API, written as the FHIR API writes its own (<see cref="Fhir.FhirApi.Problems"/>),
    /// a problem document on the JSON API (of <paramref name="problemType"/> when given).
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, Hl7.Fhir.Model.OperationOutcome.IssueType fhirCode, string message, string? problemType = null)
    {
        context.Response.StatusCode = status;
        return context.Request.Path.StartsWithSegments("/fhir")
            ? Fhir.FhirApi.Problems([new Fhir.FhirProblem("", message, fhirCode)], status).ExecuteAsync(context)
            : Results.Problem(statusCode: status, title: message, type: problemType).ExecuteAsync(context);
    }
}

public static class ApiTokenSetup
{
    /// <summary>Session cookies for everything; on the APIs, a bearer token instead when the request carries one.</summary>
    public static IServiceCollection AddApiTokens(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ApiTokenChecks>();
        services.AddScoped<ApiTokenService>();
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = ApiTokenDefaults.SelectorScheme;
                o.DefaultChallengeScheme = ApiTokenDefaults.SelectorScheme;
                o.DefaultForbidScheme = ApiTokenDefaults.SelectorScheme;
            })
            .AddPolicyScheme(ApiTokenDefaults.SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                AccountsSetup.IsApiPath(context.Request.Path) && ApiTokenDefaults.HasBearer(context.Request)
                    ? ApiTokenDefaults.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null);
        return services;
    }

    /// <summary>A read-only token reads: anything but GET and HEAD is refused before it reaches an endpoint.</summary>
    public static IApplicationBuilder UseApiTokenAccess(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(ApiTokenService.AccessClaim, nameof(ApiTokenAccess.Read))
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                await ApiTokenErrors.WriteAsync(context, StatusCodes.Status403Forbidden, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden,
                    "This API token may only read. Make a token that may read and send to do this.");
                return;
            }
            await next();
        });
}
