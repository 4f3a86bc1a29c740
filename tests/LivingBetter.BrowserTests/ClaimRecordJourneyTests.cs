using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// Staff start a record with someone on the ward who has no account, write a goal with them and give them
/// a claim code; later, on their own device (a new browser context), the person claims the record, creates
/// an account and confirms the goal. Every page checked with axe-core and at 320 px on the way.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ClaimRecordJourneyTests(BrowserFixture fixture)
{
    private static async Task CheckPageAsync(IPage page, List<string> problems) => problems.AddRange(await PageChecks.CheckAsync(page));

    private static Task SubmitAsync(IPage page, string button) =>
        PageChecks.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync());

    [Fact]
    public async Task StaffStartWriteAndIssueCode_PersonClaimsOnOwnDevice_ConfirmsTheGoalTheyWroteTogether()
    {
        var problems = new List<string>();
        var name = $"Kit {Guid.NewGuid().ToString("N")[..6]}";

        await using var staffContext = await fixture.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await PageChecks.SignInAsync(fixture, staff, DemoAccounts.Staff);
        await staff.GotoAsync("/people");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Start a record with someone" }).ClickAsync();
        await CheckPageAsync(staff, problems);

        // Not yet agreed: a field-named message, and nothing saved.
        await staff.GetByLabel("Their name").FillAsync($"{name} Okoye");
        await staff.GetByLabel("How they would like to be addressed").FillAsync(name);
        await SubmitAsync(staff, "Start the record");
        await Assertions.Expect(staff.Locator(".nhsuk-error-summary")).ToContainTextAsync("Confirm that the person agreed");
        await CheckPageAsync(staff, problems);
        await staff.GetByLabel("They agreed to me starting a record and a wellbeing plan with them").CheckAsync();
        await SubmitAsync(staff, "Start the record");
        await Assertions.Expect(staff.Locator("main [role=status]")).ToContainTextAsync($"We have recorded that {name} agreed");
        await CheckPageAsync(staff, problems);
        var recordUrl = PageChecks.Path(staff).Split('?')[0];

        // A goal written together with them.
        await staff.GetByRole(AriaRole.Link, new() { Name = "Write goals together" }).ClickAsync();
        await CheckPageAsync(staff, problems);
        await staff.Locator("#GoalInput_Words").FillAsync("Walk to the river and back every morning");
        await PageChecks.SubmitAsync(staff, () => staff.Locator("main form[action*='handler=goal'] button[type=submit]").ClickAsync());
        await Assertions.Expect(staff.Locator("main")).ToContainTextAsync("draft written together with you");
        await CheckPageAsync(staff, problems);

        // The claim code, shown once.
        await staff.GotoAsync(recordUrl);
        await SubmitAsync(staff, "Make a claim code");
        await CheckPageAsync(staff, problems);
        var code = (await staff.Locator("#claim-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        // Later, on their own device.
        await using var personContext = await fixture.NewContextAsync();
        var person = await personContext.NewPageAsync();
        await person.GotoAsync("/claim");
        await CheckPageAsync(person, problems);
        await person.GetByLabel("Your code").FillAsync(code.ToLowerInvariant());
        await SubmitAsync(person, "Continue");
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Claim your record, {name}");
        await CheckPageAsync(person, problems);
        await person.GetByLabel("Email address").FillAsync($"claim-{Guid.NewGuid():N}@test.livingbetter.example");
        await person.GetByLabel("Create a password").FillAsync("a record of my own");
        await SubmitAsync(person, "Create account and claim my record");
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How your record started");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("started this record with you");
        await CheckPageAsync(person, problems);

        await person.GetByRole(AriaRole.Link, new() { Name = "Read your drafts" }).ClickAsync();
        await Assertions.Expect(person.Locator("[data-suggestion]")).ToContainTextAsync("Written together with Priya Shah");
        await CheckPageAsync(person, problems);
        await SubmitAsync(person, "Confirm, these are my words");
        await Assertions.Expect(person.Locator("main .nhsuk-card--clickable").First).ToContainTextAsync("Walk to the river and back every morning");
        await CheckPageAsync(person, problems);

        // The staff member's page for the record is gone: it is the person's now.
        var after = await staff.GotoAsync(recordUrl);
        Assert.Equal(404, after?.Status);

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }
}
