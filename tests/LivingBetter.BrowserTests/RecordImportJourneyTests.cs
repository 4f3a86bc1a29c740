using System.Text;
using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// The demo administrator brings in someone's record from a FHIR file with only a keyboard: a first try with
/// nothing chosen (field-named errors), then the file, a team and the person's agreement, then a claim code.
/// Every page checked with axe-core and at 320 px.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class RecordImportJourneyTests(BrowserFixture fixture)
{
    private static Task TabToAsync(IPage page, string target) => KeyboardAndNoScriptTests.TabToAsync(page, target.TrimStart('#'), 250);

    private static async Task PressButtonAsync(IPage page, string name)
    {
        await TabToAsync(page, $"main button:has-text('{name}')");
        await PageChecks.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
    }

    private static string ExampleBundle(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "fhir-example-bundle.json")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "fhir-example-bundle.json"))
            .Replace("\"text\": \"Alex\"", $"\"text\": \"{name}\"", StringComparison.Ordinal)
            .Replace("\"text\":\"Alex\"", $"\"text\":\"{name}\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_WithOnlyAKeyboard_BringsInARecordFromAFhirFile_AndMakesAClaimCode()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var name = $"Ari {Guid.NewGuid().ToString("N")[..6]}";
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.Admin);

        await page.GotoAsync("/organisation");
        await TabToAsync(page, "main a[href='/organisation/import-record']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/organisation/import-record", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bring in someone's record");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("nobody gets to see anything because of it");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // Nothing chosen: each field says what is missing.
        await PressButtonAsync(page, "Bring in the record");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose a FHIR bundle file to import");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Confirm that the person agreed");
        problems.AddRange(await PageChecks.CheckAsync(page));

        // The file (the browser's file chooser stands in for the system dialog), a team, their agreement.
        await TabToAsync(page, "#bundle");
        await page.Locator("#bundle").SetInputFilesAsync(new FilePayload { Name = "record.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(ExampleBundle(name)) });
        await TabToAsync(page, "#Input_TeamId");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "#Input_Source");
        await page.Keyboard.TypeAsync("A file they brought from another service");
        await TabToAsync(page, "#Input_PersonAgreed");
        await page.Keyboard.PressAsync("Space");
        await PressButtonAsync(page, "Bring in the record");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{name}'s imported record");
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync($"We have recorded that {name} agreed");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("not turned on");
        // The example file holds Alex's completed measures, of a measure the demo organisation has switched on.
        var measures = System.Text.RegularExpressions.Regex.Count(ExampleBundle(name), "\"questionnaire\"\\s*:\\s*\"[^\"]*/Questionnaire/measure-");
        Assert.True(measures > 0, "the example bundle should hold completed measures");
        await Assertions.Expect(page.Locator("#imported-measures")).ToHaveTextAsync(FormattableString.Invariant($"{measures}, scored again with this organisation's measures"));
        problems.AddRange(await PageChecks.CheckAsync(page));

        await PressButtonAsync(page, "Make a claim code");
        var code = (await page.Locator("#claim-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        problems.AddRange(await PageChecks.CheckAsync(page));

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }
}
