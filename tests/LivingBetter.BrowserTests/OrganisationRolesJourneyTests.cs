using LivingBetter.Web.Features.Demo;
using Microsoft.Playwright;

namespace LivingBetter.BrowserTests;

/// <summary>
/// Issue 7's "done when", tried as the demo board member and the demo division lead would: each step
/// through the demo organisation's pages with the keyboard, every page checked with axe-core and at 320px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationRolesJourneyTests(BrowserFixture fixture)
{
    private const string Division = "Adult Mental Health Services";

    private readonly List<string> _problems = [];

    private async Task CheckAsync(IPage page)
    {
        // The header script lays out the menu after load; check the page once it has settled.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        _problems.AddRange(await PageChecks.CheckAsync(page));
    }

    /// <summary>Tabs to a link or button, presses Enter and waits for the page it leads to (every step here goes somewhere new).</summary>
    private static async Task FollowAsync(IPage page, string selector)
    {
        var before = page.Url;
        await KeyboardAndNoScriptTests.TabToAsync(page, selector, 200);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url != before);
        await page.WaitForLoadStateAsync();
    }

    private static Task PressAsync(IPage page, string buttonText) => FollowAsync(page, $"main button:has-text('{buttonText}')");

    private static async Task Heading(IPage page, string text) =>
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(text);

    [Fact]
    public async Task BoardMember_DemoOrganisation_ReadsImpactNeedPlansAuditsAndRunsTheOrganisationSelfAssessment()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.BoardMember);

        await FollowAsync(page, "header a[href='/organisation-planning']");
        await Heading(page, "Organisation planning");
        await Assertions.Expect(page.Locator("#your-role")).ToContainTextAsync("board member");
        await CheckAsync(page);

        // Where impact and unmet need are, for the whole organisation.
        await FollowAsync(page, "main a[href='/organisation-planning/outcomes']");
        await Heading(page, "Outcome reports");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unmet need", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#Division")).ToContainTextAsync("All divisions");
        await CheckAsync(page);

        // Runs the organisation-wide self-assessment (the board's own) and rates one challenge.
        await page.GotoAsync("/organisation-planning/self-assessment");
        await page.Locator("#Input_Scope").SelectOptionAsync(new SelectOptionValue { Label = "The whole organisation" });
        await PressAsync(page, "Start the self-assessment");
        await Heading(page, "Self-assessment");
        await CheckAsync(page);
        await FollowAsync(page, "main table a[href*='/challenges/1']");
        await page.Locator("#Input_Rating").SelectOptionAsync("2");
        await page.Locator("#Input_Evidence").FillAsync("The board heard from the service user network in October.");
        await PressAsync(page, "Save this challenge");
        await Heading(page, "Self-assessment");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("2");
        await CheckAsync(page);

        // The strategy, the board roll-up and a division's plan: read-only.
        await page.GotoAsync("/organisation-planning/strategy");
        await Assertions.Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await CheckAsync(page);
        await FollowAsync(page, "main a[href='/organisation-planning/board']");
        await CheckAsync(page);
        await page.GotoAsync("/organisation-planning/divisions");
        await FollowAsync(page, $"main a:has-text('{Division}')");
        await Heading(page, Division);
        await Assertions.Expect(page.Locator("main a:has-text('Add a SMART action')")).ToHaveCountAsync(0);
        await CheckAsync(page);

        // Audits: the baseline and re-audit, read-only, with how the sample was chosen.
        await page.GotoAsync("/organisation-planning/quality-audits");
        await Assertions.Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await CheckAsync(page);
        await FollowAsync(page, "main table a");
        await Assertions.Expect(page.Locator("#how-chosen")).ToBeVisibleAsync();
        await CheckAsync(page);

        await page.GotoAsync("/organisation-planning/making-it-real");
        await Heading(page, "Making It Real");
        await CheckAsync(page);
        await page.GotoAsync("/organisation-planning/peer-workforce");
        await Assertions.Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await CheckAsync(page);

        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }

    [Fact]
    public async Task DivisionLead_DemoOrganisation_SeesTheirDivisionRunsSelfAssessmentPlanAndReAudit()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.DivisionLead);

        await FollowAsync(page, "header a[href='/organisation-planning']");
        await Assertions.Expect(page.Locator("#your-role")).ToContainTextAsync("division lead");
        await Assertions.Expect(page.Locator("main a[href='/organisation-planning/peer-workforce']")).ToHaveCountAsync(0);
        await CheckAsync(page);

        // Impact and unmet need for their division only: no way to choose another.
        await FollowAsync(page, "main a[href='/organisation-planning/outcomes']");
        await Assertions.Expect(page.Locator("#Division option")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("main h2").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"division: {Division}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unmet need", Exact = true })).ToBeVisibleAsync();
        await CheckAsync(page);

        // Repeats the division's self-assessment: last time's goals come forward.
        await page.GotoAsync("/organisation-planning/self-assessment");
        await Assertions.Expect(page.Locator("#Input_Scope option")).ToHaveCountAsync(2);
        await page.Locator("#Input_Scope").SelectOptionAsync(new SelectOptionValue { Label = Division });
        await PressAsync(page, "Start the self-assessment");
        await Heading(page, "Self-assessment");
        await FollowAsync(page, "main table a[href*='/challenges/2']");
        await page.Locator("#Input_Rating").SelectOptionAsync("3");
        await PressAsync(page, "Save this challenge");
        await Heading(page, "Self-assessment");
        await CheckAsync(page);

        // Manages the division's action plan: adds a SMART action and moves it on.
        await page.GotoAsync("/organisation-planning/divisions");
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(1);
        await FollowAsync(page, $"main a:has-text('{Division}')");
        await FollowAsync(page, "main a:has-text('Add a SMART action')");
        await page.Locator("#Input_Specific").FillAsync("Every new person is offered a peer support worker within a month");
        await page.Locator("#Input_Measure").FillAsync("Share of new people offered one, from the monthly report");
        await page.Locator("#Input_Owner").FillAsync("Peer support lead");
        await page.Locator("#Input_DueOn").FillAsync(DateTime.UtcNow.AddDays(120).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Input_Status").SelectOptionAsync("InProgress");
        await CheckAsync(page);
        await PressAsync(page, "Add the action");
        await Heading(page, Division);
        await FollowAsync(page, "main a:has-text('Every new person is offered a peer support worker')");
        await page.Locator("#Input_Status").SelectOptionAsync("Done");
        await PressAsync(page, "Save the action");
        await Assertions.Expect(page.Locator("main tr:has-text('Every new person is offered a peer support worker')")).ToContainTextAsync("Done");
        await CheckAsync(page);

        // The board roll-up, read-only.
        await page.GotoAsync("/organisation-planning/board");
        await CheckAsync(page);

        // Re-audits the division's completed baseline with the same plans, answers one, completes with confirmation.
        await page.GotoAsync("/organisation-planning/quality-audits");
        await CheckAsync(page);
        await page.Locator("#Input_Kind").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.Locator("#Input_SameSample").CheckAsync();
        await PressAsync(page, "Start the audit");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("In progress");
        await Assertions.Expect(page.Locator("#how-chosen")).ToContainTextAsync("The same plans as the baseline");
        await CheckAsync(page);
        await FollowAsync(page, "#sample a");
        await Heading(page, "Plan 1");
        await page.Locator("#Input_0__Answer").SelectOptionAsync("Yes");
        await CheckAsync(page);
        await PressAsync(page, "Save");
        await PressAsync(page, "Complete the audit");
        await Assertions.Expect(page.Locator("#confirm-complete")).ToBeVisibleAsync();
        await CheckAsync(page);
        await PressAsync(page, "Yes, complete the audit");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Completed");
        await Assertions.Expect(page.Locator("#summary thead")).ToContainTextAsync("Change");
        await CheckAsync(page);

        await page.GotoAsync("/organisation-planning/making-it-real");
        await CheckAsync(page);

        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }

    [Fact]
    public async Task DivisionLead_YourData_ListsTheirOrganisationRoleAndWhereTheyWork()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(fixture, page, DemoAccounts.DivisionLead);

        await page.GotoAsync("/my-data");
        await Heading(page, "Your data");
        await Assertions.Expect(page.Locator("#organisation-roles")).ToContainTextAsync($"Division lead: {Division}");
        await Assertions.Expect(page.Locator("#staff-roles")).ToContainTextAsync("since");
        await CheckAsync(page);

        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }
}
