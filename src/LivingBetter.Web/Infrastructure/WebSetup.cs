using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

namespace LivingBetter.Web.Infrastructure;

/// <summary>The pipeline every feature relies on: pages, errors, static files, security, health.</summary>
public static class WebSetup
{
    public static IServiceCollection AddLivingBetterWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Two ways to call the JSON API as an account (ADR 0013): its signed-in session, or an API token it made.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiToken"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token made on Account and security, API tokens (lbt_...). Read only unless made to send too; "
                    + "it may be limited to one person's record or to some parts of records, and outside that gets 404 as for anything not shared with its account.",
            };
            document.Components.SecuritySchemes["session"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.ParameterLocation.Cookie,
                Name = "lb.session",
                Description = "The session cookie of a signed-in account.",
            };
            document.Security ??= [];
            document.Security.Add(new() { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("apiToken", document)] = [] });
            document.Security.Add(new() { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("session", document)] = [] });
            return Task.CompletedTask;
        }));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "lb.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookiePolicy(env);
        });
        services.AddAuthorization(o =>
        {
            // Everything needs a signed-in person unless a page or endpoint says otherwise.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddDataProtection()
            .SetApplicationName("LivingBetter")
            .PersistKeysToDbContext<LivingBetterDbContext>();
        services.AddHealthChecks()
            .AddDbContextCheck<LivingBetterDbContext>("database", tags: ["ready"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        // Only the static files are compressed (ADR 0028). Pages and API answers carry a person's data, and compressing
        // it over HTTPS beside anything a request can make the page repeat opens a length side channel (BREACH).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = CompressedTypes;
        });
        return services;
    }

    /// <summary>The static files' types: stylesheets, scripts and icons, which hold nothing of anyone's.</summary>
    public static readonly string[] CompressedTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    /// <summary>Cookies are Secure everywhere but a developer's own machine over plain HTTP.</summary>
    public static CookieSecurePolicy CookiePolicy(IHostEnvironment env) =>
        env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static WebApplication UseLivingBetterWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseLivingBetterSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseResponseCompression();
        app.UseStaticFiles();
        var assets = Path.Combine(app.Environment.WebRootPath, "vendor", "nhsuk", "assets");
        if (Directory.Exists(assets))
        {
            // nhsuk-frontend's stylesheet asks for its icons at /assets.
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = "/assets" });
        }
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorRequirement();
        app.UseApiTokenAccess();
        return app;
    }

    public static WebApplication MapLivingBetterOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    public static void AnnounceAddressOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"LivingBetter is ready: open {address} in your browser (demo sign-ins are listed in README.md).");
            }
        });
    }

    public static ILoggingBuilder AddLivingBetterLogging(this ILoggingBuilder logging, IHostEnvironment env)
    {
        if (!env.IsDevelopment())
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o => o.IncludeScopes = false);
        }
        return logging;
    }
}
