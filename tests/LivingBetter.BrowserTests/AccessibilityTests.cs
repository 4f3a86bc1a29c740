using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LivingBetter.BrowserTests;

/// <summary>Every page a role can reach from the header menu passes axe-core (WCAG 2.2 A/AA) and reflows at 320px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Roles() => [.. DemoAccounts.All.Select(a => a.Key)];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SignedInPages_EveryReachablePage_HasNoWcagViolationsAndReflows(string role)
    {
        var account = DemoAccounts.All.Single(a => a.Key == role);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, account);

        // Pages several clicks deep that the breadth-first crawl might not reach within its limit start the queue too.
        string[] starts = role == DemoAccounts.Admin.Key ? ["/", "/resources/manage", "/resources/manage/suggestions", "/college/workforce"]
            : role == DemoAccounts.Staff.Key ? ["/", "/resources/suggest-new"] : ["/"];
        var result = await PageChecks.CrawlAsync(page, fixture.BaseUrl, starts, maxPages: 40 + starts.Length - 1);

        output.WriteLine($"{role}: checked {result.Visited.Count} pages: {string.Join(", ", result.Visited)}");
        Assert.True(result.Problems.Count == 0, $"{role}: {result.Problems.Count} problem(s):\n" + string.Join("\n", result.Problems));
    }

    [Fact]
    public async Task AnonymousPages_EveryPublicPage_HasNoWcagViolationsAndReflows()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        var result = await PageChecks.CrawlAsync(page, fixture.BaseUrl,
        [
            "/", "/account/sign-in", "/account/register", "/account/forgot-password",
            "/help/urgent", "/help/privacy", "/help/accessibility", "/error?code=404",
        ]);

        output.WriteLine($"anonymous: checked {result.Visited.Count} pages: {string.Join(", ", result.Visited)}");
        Assert.True(result.Problems.Count == 0, $"anonymous: {result.Problems.Count} problem(s):\n" + string.Join("\n", result.Problems));
    }

    [Theory]
    [InlineData("/account/sign-in", "Sign in")]
    [InlineData("/account/register", "Create account")]
    [InlineData("/account/forgot-password", null)]
    public async Task FormWithErrors_SubmittedEmpty_ShowsAnAccessibleErrorSummary(string url, string? button)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);

        var submit = button is null
            ? page.Locator("main form button[type=submit]").First
            : page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        await submit.ClickAsync();

        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        var problems = await PageChecks.CheckAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The checks themselves find what they are for: a clean page passes, a broken copy of it does not.</summary>
    [Fact]
    public async Task PageChecks_OnAPageWithAnImageWithoutAltAFieldWithoutALabelAndAWideBlock_ReportEachOne()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/help/privacy");
        Assert.Empty(await PageChecks.CheckAsync(page));

        await page.EvaluateAsync(
            """
            () => {
              document.querySelector('main').insertAdjacentHTML('beforeend',
                '<img id="no-alt" src="/favicon.svg"><input id="no-label" type="text"><div id="too-wide">wide</div>');
              // Through the style object: the app's content security policy refuses inline style attributes.
              document.getElementById('too-wide').style.width = '900px';
            }
            """);
        var problems = await PageChecks.CheckAsync(page);

        Assert.Contains(problems, p => p.Contains("axe image-alt", StringComparison.Ordinal) && p.Contains("#no-alt", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("axe label", StringComparison.Ordinal) && p.Contains("#no-label", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"at {PageChecks.NarrowWidth}px", StringComparison.Ordinal) && p.Contains("div#too-wide", StringComparison.Ordinal));
    }
}
