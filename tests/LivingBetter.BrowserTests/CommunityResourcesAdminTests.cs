using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// The demo administrator looks after the community resources directory with only a keyboard: adds an entry
/// (after a first try with nothing filled in), changes it, retires it after confirming, and approves the
/// suggestion a member of staff sent, changing its name first. Every page checked with axe-core and at 320 px.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class CommunityResourcesAdminTests(BrowserFixture fixture)
{
    private static Task TabToAsync(IPage page, string target) => KeyboardAndNoScriptTests.TabToAsync(page, target.TrimStart('#'), 250);

    private static async Task TypeIntoAsync(IPage page, string target, string text)
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task PressButtonAsync(IPage page, string name)
    {
        await TabToAsync(page, $"main button:has-text('{name}')");
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
    }

    private static async Task FollowLinkAsync(IPage page, string selector)
    {
        var before = page.Url;
        await TabToAsync(page, selector);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url != before);
        await page.WaitForLoadStateAsync();
    }

    private static Task ExpectHeadingAsync(IPage page, string text) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(text);

    [Fact]
    public async Task Administrator_WithOnlyAKeyboard_AddsEditsRetiresAResourceAndApprovesAStaffSuggestion()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"Lakeside Kayak Club {tag}";
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.Admin);

        await page.GotoAsync("/resources");
        await FollowLinkAsync(page, "main a[href='/resources/manage']");
        await ExpectHeadingAsync(page, "Manage community resources");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // Add: first with nothing filled in, then properly.
        await FollowLinkAsync(page, "main a[href='/resources/manage/new']");
        await ExpectHeadingAsync(page, "Add a community resource");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await PressButtonAsync(page, "Add to the directory");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        problems.AddRange(await PageChecks.CheckAsync(page));
        await TypeIntoAsync(page, "#Input_Name", name);
        await TabToAsync(page, "#Input_Category");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "#Input_Locality");
        await page.Keyboard.PressAsync("ArrowDown");
        await TypeIntoAsync(page, "#Input_Description", "Taster sessions on the lake every Sunday. Buoyancy aids provided.");
        await PressButtonAsync(page, "Add to the directory");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("now listed in the directory");

        // Edit.
        await FollowLinkAsync(page, $"main a[href$='/edit']:has-text('{name}')");
        await ExpectHeadingAsync(page, $"Change {name}");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await TypeIntoAsync(page, "#Input_Name", name + " (Sundays)");
        await PressButtonAsync(page, "Save changes");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Your changes are saved");

        // Retire, after confirming.
        await FollowLinkAsync(page, $"main a[href$='/retire']:has-text('{name} (Sundays)')");
        await ExpectHeadingAsync(page, $"Retire {name} (Sundays)?");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await PressButtonAsync(page, "Yes, retire it");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("The resource is retired");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // The staff suggestion in the queue: change its name and approve it.
        await FollowLinkAsync(page, "main a[href='/resources/manage/suggestions']");
        await ExpectHeadingAsync(page, "Suggestions from staff");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await FollowLinkAsync(page, "main a:has-text('Northbridge Tuesday Craft Club')");
        await ExpectHeadingAsync(page, "Suggestion: Northbridge Tuesday Craft Club");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await TypeIntoAsync(page, "#Input_Name", $"Northbridge Craft Club {tag}");
        await PressButtonAsync(page, "Approve and list it");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("There are no suggestions waiting");
        problems.AddRange(await PageChecks.CheckAsync(page));

        await page.GotoAsync($"/resources?q={tag}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Northbridge Craft Club {tag}");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(name);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
