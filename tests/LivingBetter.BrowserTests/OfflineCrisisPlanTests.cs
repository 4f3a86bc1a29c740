using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>The person's crisis plan kept on their device by the service worker, read with the network off, then removed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineCrisisPlanTests(BrowserFixture fixture)
{
    private const string OfflinePage = "/plans/crisis/offline";
    private const string SettingsPage = "/plans/crisis/offline-settings";

    [Fact]
    public async Task Person_WhoKeepsACopy_ReadsTheCrisisPlanWithTheNetworkOffAndThenRemovesIt()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.Person);

        await page.GotoAsync(SettingsPage);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What is stored" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How to remove it" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep a copy on this device" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offline-status")).ToContainTextAsync("is kept on this device");
        await WaitForStoredCopyAsync(page, stored: true);

        // Open the stored page once with the network on, so we know what it says.
        await page.GotoAsync(OfflinePage);
        var online = await page.Locator("main").InnerTextAsync();
        Assert.Contains("crisis plan", online, StringComparison.OrdinalIgnoreCase);

        await context.SetOfflineAsync(true);
        Assert.False(await page.EvaluateAsync<bool>("() => fetch('/plans', { cache: 'no-store' }).then(() => true, () => false)"));
        await page.GotoAsync(OfflinePage);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Alex's crisis plan");
        var offline = await page.Locator("main").InnerTextAsync();
        foreach (var line in online.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 12 && !l.StartsWith("This copy was made", StringComparison.Ordinal)).Take(8))
        {
            Assert.Contains(line, offline, StringComparison.Ordinal);
        }
        await Assertions.Expect(page.GetByText("stored on this device")).ToBeVisibleAsync();

        await context.SetOfflineAsync(false);
        await page.GotoAsync(SettingsPage);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the copy and stop keeping one" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offline-status")).ToContainTextAsync("No copy of your crisis plan is kept on this device");
        await WaitForStoredCopyAsync(page, stored: false);

        await context.SetOfflineAsync(true);
        try
        {
            await page.GotoAsync(OfflinePage);
        }
        catch (PlaywrightException)
        {
            // Nothing on the device answers for the page any more: the browser shows its own offline error.
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alex's crisis plan" })).ToHaveCountAsync(0);
        await context.SetOfflineAsync(false);
    }

    private static async Task WaitForStoredCopyAsync(IPage page, bool stored)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await page.EvaluateAsync<bool>($"async () => !!(await caches.match('{OfflinePage}'))") == stored)
            {
                return;
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Fail(stored ? "The crisis plan was never stored on the device." : "The stored crisis plan was never removed.");
    }
}
