using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LivingBetter.BrowserTests;

/// <summary>
/// Public pages and error summaries pass axe-core (WCAG 2.2 A/AA) and reflow at 320px, and the checks themselves
/// find what they are for. Signed-in pages are crawled role by role in <see cref="RoleCrawlTests"/>.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
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
