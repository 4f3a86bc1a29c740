using LivingBetter.Web.Features.Demo;
using Xunit.Abstractions;

namespace LivingBetter.BrowserTests;

/// <summary>
/// Every page a role can reach from the header menu passes axe-core (WCAG 2.2 A/AA) and reflows at 320px. The
/// roles are split between the two browser lanes (see <see cref="BrowserCollection"/>): each crawl takes about
/// 20 seconds.
/// </summary>
public abstract class RoleCrawlTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Roles run in the organisation lane; every other demo role runs in the person-and-staff lane.</summary>
    public static readonly string[] OrganisationRoles =
        [DemoAccounts.TeamLead.Key, DemoAccounts.DivisionLead.Key, DemoAccounts.BoardMember.Key, DemoAccounts.Admin.Key];

    protected async Task CrawlAsync(string role)
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
}

[Collection(BrowserCollection.Name)]
public sealed class OrganisationRoleCrawlTests(BrowserFixture fixture, ITestOutputHelper output) : RoleCrawlTests(fixture, output)
{
    public static TheoryData<string> Roles() => [.. OrganisationRoles];

    [Theory]
    [MemberData(nameof(Roles))]
    public Task SignedInPages_EveryReachablePage_HasNoWcagViolationsAndReflows(string role) => CrawlAsync(role);
}

[Collection(SecondBrowserCollection.Name)]
public sealed class PersonAndStaffRoleCrawlTests(BrowserFixture fixture, ITestOutputHelper output) : RoleCrawlTests(fixture, output)
{
    public static TheoryData<string> Roles() => [.. DemoAccounts.All.Select(a => a.Key).Except(OrganisationRoles)];

    [Theory]
    [MemberData(nameof(Roles))]
    public Task SignedInPages_EveryReachablePage_HasNoWcagViolationsAndReflows(string role) => CrawlAsync(role);
}
