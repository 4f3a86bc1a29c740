using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>What the browser tests check on every page, and how they move around the site.</summary>
public static partial class PageChecks
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public const int NarrowWidth = 320;

    /// <summary>
    /// axe-core's own script, as the Deque package ships it. The package's RunAxe opens a second page for every
    /// check (to finish the run away from the page's own scripts) and sends back every passing and inapplicable
    /// result too: about 2.5 s a page here. The pages have no frames, so the run happens in the page itself and
    /// only the violations come back: about 0.4 s. (Loading it into every page with an init script instead saved
    /// little: journeys open many pages they do not check, and each paid for parsing it.)
    /// </summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        const string name = "Deque.AxeCore.Commons.Resources.axe.min.js";
        using var stream = typeof(AxeRunOptions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The axe-core package no longer carries {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Playwright fills results by property, so a class with setters rather than a positional record.
    private sealed class AxeViolation
    {
        public string Id { get; set; } = "";
        public string? Impact { get; set; }
        public string Help { get; set; } = "";
        public string[] Targets { get; set; } = [];
    }

    /// <summary>Runs axe-core with the WCAG 2.2 A/AA rules; returns one line per violation, empty when clean.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        // A page reached by clicking may still be loading its stylesheet: unstyled links fail target-size.
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var violations = await page.EvaluateAsync<AxeViolation[]>(
            """
            async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
              .violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => JSON.stringify(n.target)) }))
            """, WcagTags);
        return [.. violations.Select(v => $"{Path(page)}: axe {v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Targets)}")];
    }

    /// <summary>
    /// At 320 CSS pixels (WCAG 1.4.10 reflow) the page must not scroll sideways. Returns a problem
    /// naming the widest elements, or null.
    /// </summary>
    public static async Task<string?> HorizontalOverflowAsync(IPage page)
    {
        var original = page.ViewportSize;
        await page.SetViewportSizeAsync(NarrowWidth, 640);
        try
        {
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth <= NarrowWidth + 1)
            {
                return null;
            }
            var culprits = await page.EvaluateAsync<string[]>(
                """
                (limit) => [...document.body.querySelectorAll('*')]
                  .filter(e => e.getBoundingClientRect().right > limit + 1)
                  .slice(0, 5)
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''))
                """, NarrowWidth);
            return $"{Path(page)}: at {NarrowWidth}px the page is {scrollWidth}px wide; widest: {string.Join(", ", culprits)}";
        }
        finally
        {
            if (original is not null)
            {
                await page.SetViewportSizeAsync(original.Width, original.Height);
            }
        }
    }

    /// <summary>Both checks on the page as it is now.</summary>
    public static async Task<List<string>> CheckAsync(IPage page)
    {
        var problems = new List<string>(await AxeViolationsAsync(page));
        if (await HorizontalOverflowAsync(page) is { } overflow)
        {
            problems.Add(overflow);
        }
        return problems;
    }

    /// <summary>
    /// Submits a form (by whatever <paramref name="submit"/> does: Enter on a focused button, a click) and waits for
    /// the server's answer and the page it leads to. After a redirect the load state alone can still be the old
    /// page's, so it waits until the browser is on the page redirected to.
    /// </summary>
    public static async Task SubmitAsync(IPage page, Func<Task> submit)
    {
        var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await submit();
        var response = await posted;
        if (response.Status is >= 300 and < 400 && response.Headers.TryGetValue("location", out var location))
        {
            await page.WaitForURLAsync(new Uri(new Uri(response.Url), location).ToString());
        }
        await page.WaitForLoadStateAsync();
    }

    public static string Path(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>Signs in through the real pages, typing a fresh authenticator code when the account has one.</summary>
    public static async Task SignInAsync(BrowserFixture fixture, IPage page, string email, string password, string? authenticatorKey)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.WaitForURLAsync(TwoFactorUrl());
            await page.GetByLabel("Security code").FillAsync(fixture.NextCode(authenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
        await page.WaitForLoadStateAsync();
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        Assert.True(heading.StartsWith("Hello", StringComparison.Ordinal),
            $"Signing in as {email} ended on {Path(page)}: {await page.Locator("main").InnerTextAsync()}");
    }

    public static Task SignInAsync(BrowserFixture fixture, IPage page, DemoAccounts.Account account) =>
        SignInAsync(fixture, page, account.Email, DemoAccounts.Password, account.AuthenticatorKey);

    [GeneratedRegex("/account/two-factor(\\?|$)")]
    private static partial Regex TwoFactorUrl();

    // Ids, numbers and dates in a path make many pages of one kind; two of each kind are enough.
    [GeneratedRegex("(?<=/)([0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|\\d+|\\d{4}-\\d{2}-\\d{2})(?=/|$)")]
    private static partial Regex VariableSegment();

    private static readonly string[] NeverFollow =
    [
        "/account/sign-out", "/api", "/fhir", "/openapi", "/health", "/assets", "/vendor", "/css", "/js",
    ];

    private static readonly string[] DownloadExtensions = [".pdf", ".csv", ".json", ".ics", ".zip", ".txt", ".xml", ".svg", ".png"];

    public sealed record CrawlResult(IReadOnlyList<string> Visited, IReadOnlyList<string> Problems);

    /// <summary>
    /// Breadth-first over same-origin links from <paramref name="starts"/> and the header menu,
    /// checking each page once, at most <paramref name="maxPages"/> pages and two of each kind.
    /// Following a link is a GET, so looking at a delete or confirm page is fine; no form is posted.
    /// </summary>
    public static async Task<CrawlResult> CrawlAsync(IPage page, string origin, IEnumerable<string> starts, int maxPages = 40)
    {
        var queue = new Queue<string>(starts);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var kinds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var visited = new List<string>();
        var problems = new List<string>();
        var checkedFinal = new HashSet<string>(StringComparer.Ordinal);
        var firstPage = true;

        while (queue.Count > 0 && visited.Count < maxPages)
        {
            var url = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                continue;
            }
            visited.Add(url);
            var finalPath = Path(page);
            var status = response?.Status ?? 0;
            if (status >= 500)
            {
                problems.Add($"{url}: answered {status}");
            }
            if (finalPath.StartsWith("/account/sign-in", StringComparison.Ordinal) && !url.StartsWith("/account/sign-in", StringComparison.Ordinal))
            {
                problems.Add($"{url}: sent a signed-in user to sign in again");
            }
            if (checkedFinal.Add(finalPath))
            {
                problems.AddRange(await CheckAsync(page));
            }

            var links = new List<string>();
            if (firstPage)
            {
                // The header menu first, so every menu item is checked even if the crawl limit is reached.
                links.AddRange(await page.EvalOnSelectorAllAsync<string[]>("header nav a[href]", "els => els.map(e => e.href)"));
                firstPage = false;
            }
            links.AddRange(await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "els => els.map(e => e.href)"));
            foreach (var href in links)
            {
                if (Relative(href, origin) is not { } next || !seen.Add(next))
                {
                    continue;
                }
                var kind = VariableSegment().Replace(next.Split('?')[0], "{id}");
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                if (kinds[kind] <= 2)
                {
                    queue.Enqueue(next);
                }
            }
        }
        return new CrawlResult(visited, problems);
    }

    private static string? Relative(string href, string origin)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var path = uri.AbsolutePath;
        if (NeverFollow.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase))
            || DownloadExtensions.Any(x => path.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        return uri.PathAndQuery;
    }
}
