using System.Net;
using LivingBetter.Tests.Support;

namespace LivingBetter.Tests.Foundation;

public sealed class OperationsTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task Health_LiveAndReady_AnswerHealthy()
    {
        var client = app.NewClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnyPage_HasSecurityHeaders()
    {
        var response = await app.NewClient().GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task SignedInPage_IsNeverCached()
    {
        var client = await app.SignInAsNewPersonAsync();

        var response = await client.GetAsync("/account/security");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Compression_OnlyForStaticFiles_NeverForAPersonsPagesOrApiAnswers()
    {
        var client = await app.SignInAsNewPersonAsync();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");

        var stylesheet = await client.GetAsync("/css/site.css");
        var script = await client.GetAsync("/js/site.js");
        Assert.NotEmpty(stylesheet.Content.Headers.ContentEncoding);
        Assert.NotEmpty(script.Content.Headers.ContentEncoding);
        foreach (var path in new[] { "/", "/plans/staying-well/crisis", "/check-ins/progress", "/api/account/me", "/fhir/Patient" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task SessionCookie_IsSecureHttpOnlyAndSameSite()
    {
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();

        var response = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lb.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        var person = await app.CreatePersonAsync();

        var response = await app.NewClient().PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = person.Email,
            ["Input.Password"] = person.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("lb.session", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var v) ? v : []));
    }

    [Fact]
    public async Task UnknownPage_SignedIn_ShowsFriendlyNotFound()
    {
        var client = await app.SignInAsNewPersonAsync();

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", (await Forms.ParseAsync(response)).MainText());
    }

    [Fact]
    public async Task UnknownPage_Anonymous_AsksToSignInAndRevealsNothing()
    {
        var response = await app.NewClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheJsonApi()
    {
        var json = await app.NewClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/account/me\"", json);
        Assert.Contains("\"openapi\"", json);
        // Both ways to call it as an account: an API token (bearer) and the session cookie.
        var schemes = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiToken").GetProperty("scheme").GetString());
        Assert.Equal("lb.session", schemes.GetProperty("session").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Layout_HasSkipLinkLandmarksAndLocalStyles()
    {
        var page = await app.NewClient().GetPageAsync("/");

        Assert.Equal("#maincontent", page.QuerySelector("a.nhsuk-skip-link")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("header[role=banner]"));
        Assert.NotNull(page.QuerySelector("main#maincontent"));
        Assert.NotNull(page.QuerySelector("footer"));
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("/vendor/nhsuk/nhsuk-frontend.min.css", page.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href"));
        var css = await app.NewClient().GetAsync("/vendor/nhsuk/nhsuk-frontend.min.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Navigation_DependsOnRole()
    {
        var anonymous = await app.NewClient().GetPageAsync("/");
        Assert.Null(anonymous.QuerySelector("nav.nhsuk-header__navigation"));

        var person = await (await app.SignInAsNewPersonAsync()).GetPageAsync("/");
        var links = person.QuerySelectorAll("nav.nhsuk-header__navigation a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Account and security", links);
        Assert.DoesNotContain("Organisation", links);
    }
}
