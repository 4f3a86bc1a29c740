using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// The "done when", tried as a new person would on a 360 px wide phone with only a keyboard:
/// write sections of both plans, leave and come back, see progress, resolve a two-tab conflict without
/// losing a word, restore an earlier version, and find print and PDFs. Every page checked with axe-core
/// and for sideways scrolling on the way.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PlansOnAPhoneTests(BrowserFixture fixture)
{
    private const string Password = "my own plans on my phone";

    private static Task TabToAsync(IPage page, string target) => KeyboardAndNoScriptTests.TabToAsync(page, target.TrimStart('#'), 80);

    private static async Task TypeIntoAsync(IPage page, string target, string text)
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task PressButtonAsync(IPage page, string name)
    {
        await TabToAsync(page, $"main button:has-text('{name}')");
        // Every button here submits a form.
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
    }

    private static async Task FollowLinkAsync(IPage page, string href)
    {
        await TabToAsync(page, $"main a[href='{href}']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith(href, StringComparison.Ordinal));
    }

    private static async Task CheckPageAsync(IPage page, List<string> problems) => problems.AddRange(await PageChecks.CheckAsync(page));

    [Fact]
    public async Task NewPerson_OnA360PxPhoneWithOnlyAKeyboard_WritesBothPlansResolvesAConflictAndRestoresAVersion()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var problems = new List<string>();

        await page.GotoAsync("/account/register");
        await TypeIntoAsync(page, "#Input_DisplayName", "Rhian");
        await TypeIntoAsync(page, "#Input_Email", $"phone-{Guid.NewGuid():N}@test.livingbetter.example");
        await TypeIntoAsync(page, "#Input_Password", Password);
        await TypeIntoAsync(page, "#Input_ConfirmPassword", Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Rhian");

        // The overview: nothing started, a gentle note, where to get support.
        await page.GotoAsync("/plans");
        await CheckPageAsync(page, problems);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("go at your own pace");
        await FollowLinkAsync(page, "/plans/staying-well/when-well");
        await CheckPageAsync(page, problems);
        await TypeIntoAsync(page, "#F_Description", "I laugh a lot, <b>cook</b> for friends and walk the dog.");
        await PressButtonAsync(page, "Save");
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("#F_Description")).ToHaveValueAsync("I laugh a lot, <b>cook</b> for friends and walk the dog.");

        // A second tab on the crisis plan, then the first saves: the stale save shows both texts.
        var otherTab = await context.NewPageAsync();
        await otherTab.SetViewportSizeAsync(360, 740);
        await otherTab.GotoAsync("/plans/staying-well/crisis");
        await page.GotoAsync("/plans/staying-well/crisis");
        await CheckPageAsync(page, problems);
        await TypeIntoAsync(page, "#F_WhatHelps", "My sister Cerys sitting with me.");
        await PressButtonAsync(page, "Save");
        await TypeIntoAsync(otherTab, "#F_WhatHelps", "Peppermint tea and the window open.");
        await PressButtonAsync(otherTab, "Save");
        await Assertions.Expect(otherTab.Locator("#conflict")).ToContainTextAsync("nothing has been lost");
        await Assertions.Expect(otherTab.Locator("[data-conflict=theirs]").First).ToContainTextAsync("My sister Cerys sitting with me.");
        await Assertions.Expect(otherTab.Locator("[data-conflict=mine]").First).ToContainTextAsync("Peppermint tea and the window open.");
        await CheckPageAsync(otherTab, problems);
        // Merge: keep every word of both.
        await TypeIntoAsync(otherTab, "#F_WhatHelps", "My sister Cerys sitting with me.\nPeppermint tea and the window open.");
        await PressButtonAsync(otherTab, "Save this version");
        await Assertions.Expect(otherTab.Locator("main [role=status]")).ToContainTextAsync("Saved");
        await otherTab.CloseAsync();

        // The wellbeing plan: a goal with a step.
        await page.GotoAsync("/plans/wellbeing/goals");
        await CheckPageAsync(page, problems);
        await FollowLinkAsync(page, "/plans/wellbeing/goals/new");
        await CheckPageAsync(page, problems);
        await TypeIntoAsync(page, "#Input_Words", "Walk up Pen y Fan with my dad");
        await TypeIntoAsync(page, "#Input_Steps_0__Text", "Walk to the park and back three times a week");
        await PressButtonAsync(page, "Save goal");
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("Saved");
        await CheckPageAsync(page, problems);

        // Leave and come back: progress shows, and the overview says where to carry on.
        await page.GotoAsync("/");
        await page.GotoAsync("/plans");
        await Assertions.Expect(page.Locator("[data-section=when-well]").First).ToContainTextAsync("Started");
        await Assertions.Expect(page.Locator("[data-section=crisis]").First).ToContainTextAsync("Started");
        await Assertions.Expect(page.Locator("[data-section=goals]").First).ToContainTextAsync("Done");
        await Assertions.Expect(page.GetByText("Carry on with").First).ToBeVisibleAsync();
        foreach (var href in new[] { "/plans/staying-well/print", "/plans/staying-well/pdf", "/plans/wellbeing/pdf", "/plans/crisis-card.pdf", "/plans/crisis-card.pdf?size=a4" })
        {
            await Assertions.Expect(page.Locator($"main a[href='{href}']")).ToBeVisibleAsync();
        }
        var pdf = await context.APIRequest.GetAsync("/plans/wellbeing/pdf");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await page.GotoAsync("/plans/staying-well/print");
        await CheckPageAsync(page, problems);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Peppermint tea and the window open.");

        // Restore the crisis plan as it was before the merge.
        await page.GotoAsync("/plans/staying-well/history");
        await CheckPageAsync(page, problems);
        var href1 = await page.Locator("main table a", new() { HasTextString = "Version 1 of Crisis plan" }).GetAttributeAsync("href");
        Assert.NotNull(href1);
        await FollowLinkAsync(page, href1);
        await CheckPageAsync(page, problems);
        await FollowLinkAsync(page, href1 + "?handler=restore");
        await CheckPageAsync(page, problems);
        await PressButtonAsync(page, "Yes, bring back version 1");
        await page.GotoAsync("/plans/staying-well/crisis");
        await Assertions.Expect(page.Locator("#F_WhatHelps")).ToHaveValueAsync("My sister Cerys sitting with me.");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
