using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LivingBetter.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// The real application on Kestrel (127.0.0.1, a free port) over a test database holding the demo
/// organisation, and a Debian Chromium, shared by every browser test in one collection (one lane).
/// </summary>
/// <remarks>
/// The app keeps the "Testing" environment, so cookies are Secure-only as in production; over plain
/// HTTP antiforgery refuses to issue its cookie and every form answers 500. Rather than switch the
/// app to Development (which relaxes exactly what we want to test), Kestrel serves HTTPS with a
/// throw-away self-signed certificate made here, and Chromium is told to accept it.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private readonly Lock _codeLock = new();

    // A copy of the demo organisation seeded once for the run, so a second lane does not seed it again.
    public LivingBetterApp App { get; } = new DemoOrganisationApp();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var certificate = SelfSignedCertificate();
        // Kestrel keeps its own reference to the certificate, so ours can be disposed after start.
        var serverCertificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate)));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                // IgnoreHTTPSErrors covers pages but not service-worker scripts, which Chromium refuses to
                // register from a self-signed origin without this switch (the offline crisis plan needs one).
                "--ignore-certificate-errors",
            ],
        });
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>A fresh context (its own cookies) at desktop width, with relative URLs resolved against the app.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            IgnoreHTTPSErrors = true,
        });
        // Only the app itself: nhsuk-frontend's stylesheet names a web-font host that CI cannot reach.
        await context.RouteAsync(url => !url.StartsWith(BaseUrl + "/", StringComparison.Ordinal), route => route.AbortAsync());
        // Pages here answer in well under a second; fail fast rather than wait Playwright's 30 s.
        context.SetDefaultTimeout(10_000);
        return context;
    }

    /// <summary>
    /// The authenticator code for the next 30-second step of the app's fake clock. A code works once,
    /// so each sign-in moves the clock on a step first.
    /// </summary>
    public string NextCode(string base32Key)
    {
        lock (_codeLock)
        {
            return App.NextAuthenticatorCode(base32Key);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// The browser tests run in two lanes, each a collection with its own application, database and Chromium, so
/// xunit runs them side by side: on CI's two cores one lane left a fifth of the machine idle while it waited on
/// pages (ADR 0026). A new test class goes in whichever lane is shorter; the lanes hold about the same
/// test-seconds now. Nothing is shared between lanes, so neither sees the other's sign-ins or changes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The second lane: see <see cref="BrowserCollection"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser, second lane";
}
