using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// API tokens at 320 px with only a keyboard: the empty list, a mistake named, a token limited to some parts made and
/// shown once, its use named in the person's access log, and the token revoked after a confirmation, each page checked
/// with axe-core and for sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTokensOnAPhoneTests(BrowserFixture fixture)
{
    private const string Password = "a token for my own app";
    private const string TokenName = "MyDiaryAppOnAPhoneWithARatherLongNameAndNoSpacesOrHyphens";

    [Fact]
    public async Task Person_OnA320PxScreenWithOnlyAKeyboard_MakesSeesAndRevokesAToken()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PageChecks.NarrowWidth, 640);
        var problems = new List<string>();

        await page.GotoAsync("/account/register");
        await page.GetByLabel("What should we call you?").FillAsync("Tomos");
        await page.GetByLabel("Email address").FillAsync($"tokens-{Guid.NewGuid():N}@test.livingbetter.example");
        await page.GetByLabel("Create a password").FillAsync(Password);
        await page.GetByLabel("Type the password again").FillAsync(Password);
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));

        await page.GotoAsync("/account/security");
        await KeyboardAndNoScriptTests.TabToAsync(page, "main a[href='/account/api-tokens']", 60);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/account/api-tokens", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("You have no API tokens.");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // Nothing typed: the mistake is named.
        await KeyboardAndNoScriptTests.TabToAsync(page, "main button:has-text('Make token')", 60);
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter a name for the token");
        problems.AddRange(await PageChecks.CheckAsync(page));

        await KeyboardAndNoScriptTests.TabToAsync(page, "Input_Name", 60);
        // One unbroken word of a name, to show it wraps wherever it is shown (the list, the access log).
        await page.Keyboard.TypeAsync(TokenName);
        // Every part is ticked to start; the program needs only the plans, so the other two are unticked.
        foreach (var part in new[] { "part-WellbeingPlan", "part-CheckIns" })
        {
            await KeyboardAndNoScriptTests.TabToAsync(page, part, 20);
            await page.Keyboard.PressAsync("Space");
            Assert.False(await page.Locator("#" + part).IsCheckedAsync());
        }
        await KeyboardAndNoScriptTests.TabToAsync(page, "main button:has-text('Make token')", 30);
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
        var secret = (await page.Locator("#token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("lbt_", secret);
        problems.AddRange(await PageChecks.CheckAsync(page));

        // A program reads the record with it; the person's access log names the token, and still fits the screen.
        using (var program = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            program.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            var read = await program.GetAsync(fixture.BaseUrl + "/fhir/Patient");
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        }
        await page.GotoAsync("/sharing/log?mine=true");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync($"Person, through their API token “{TokenName}”");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // Seen once: the list afterwards shows its last four characters only.
        await page.GotoAsync("/account/api-tokens");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(secret, main);
        Assert.Contains("…" + secret[^4..], main);
        var reaches = await page.Locator("main dl .nhsuk-summary-list__row", new() { HasText = "Reaches" }).InnerTextAsync();
        Assert.Contains("Staying-well plan, with its crisis plan", reaches);
        Assert.DoesNotContain("Check-ins", reaches);

        await KeyboardAndNoScriptTests.TabToAsync(page, "main a[href$='/revoke']", 60);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/revoke", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Revoke the token");
        problems.AddRange(await PageChecks.CheckAsync(page));
        await KeyboardAndNoScriptTests.TabToAsync(page, "main button:has-text('Yes, revoke it')", 60);
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("The token no longer works");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Revoked");
        problems.AddRange(await PageChecks.CheckAsync(page));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
