using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>Account journeys someone can complete with the keyboard alone, and with JavaScript turned off.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class KeyboardAndNoScriptTests(BrowserFixture fixture)
{
    private const string Password = "three unrelated words";

    [Fact]
    public async Task NewPerson_UsingOnlyTheKeyboard_RegistersSetsUpTwoFactorSignsOutAndSignsBackInWithACode()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = $"keyboard-{Guid.NewGuid():N}@test.livingbetter.example";

        await page.GotoAsync("/account/register");
        await TabToAsync(page, "Input_DisplayName");
        await page.Keyboard.TypeAsync("Kim");
        await TabToAsync(page, "Input_Email");
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "Input_Password");
        await page.Keyboard.TypeAsync(Password);
        await TabToAsync(page, "Input_ConfirmPassword");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Kim");

        await page.GotoAsync("/account/security");
        await TabToAsync(page, "a[href='/account/two-factor/setup']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up two-factor sign-in");
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Trim();
        await TabToAsync(page, "Input_Code");
        await page.Keyboard.TypeAsync(fixture.NextCode(key));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in is on");

        await TabToAsync(page, "header button:has-text('Sign out')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have signed out");

        await page.GotoAsync("/account/sign-in");
        await TabToAsync(page, "Input_Email");
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "Input_Password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter your security code");
        await TabToAsync(page, "Input_Code");
        await page.Keyboard.TypeAsync(fixture.NextCode(key));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Kim");
    }

    [Fact]
    public async Task StaffMember_WithJavaScriptOff_SignsInWithACodeAndSeesTheirHomePage()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await PageChecks.SignInAsync(fixture, page, DemoAccounts.Staff);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Hello, {DemoAccounts.Staff.DisplayName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Account and security" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Person_WithJavaScriptOff_CanSignOutWithTheHeaderButton()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.Person);

        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have signed out");
    }

    /// <summary>
    /// Presses Tab until focus reaches the element (an id, or a CSS selector), failing if it never
    /// does: proves the control is in the tab order, not only that it exists.
    /// </summary>
    internal static async Task TabToAsync(IPage page, string target, int maxPresses = 40)
    {
        var selector = target.Contains(' ', StringComparison.Ordinal) || target.Contains('[', StringComparison.Ordinal)
            || target.Contains(':', StringComparison.Ordinal) ? target : "#" + target;
        var element = page.Locator(selector).First;
        for (var i = 0; i < maxPresses; i++)
        {
            if (await element.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Pressing Tab {maxPresses} times on {PageChecks.Path(page)} never reached {selector}.");
    }
}
