using System.Text.RegularExpressions;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Tests.Outcomes;

/// <summary>The demo organisation's outcome report, as its administrator would open it.</summary>
public sealed partial class DemoOutcomeReportTests : IClassFixture<DemoOrganisationApp>
{
    private readonly LivingBetterApp _app;

    public DemoOutcomeReportTests(DemoOrganisationApp app)
    {
        _app = app;
    }

    [Fact]
    public async Task DemoAdmin_ReportByDivision_ShowsImpactAndEveryCountSuppressedOrRounded()
    {
        var admin = _app.NewClient();
        await _app.SignInAsync(admin, DemoAccounts.Admin.Email, DemoAccounts.Password, DemoAccounts.Admin.AuthenticatorKey);

        var page = await admin.GetPageAsync("/organisation-planning/outcomes?by=Division");

        Assert.NotEmpty(page.QuerySelectorAll(".nhsuk-card ol li"));
        Assert.NotEmpty(page.QuerySelectorAll("figure svg"));
        var counts = page.QuerySelectorAll("td.nhsuk-table__cell--numeric").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(counts);
        foreach (var cell in counts)
        {
            var number = LeadingCount().Match(cell);
            if (number.Success)
            {
                var n = int.Parse(number.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(n >= 8 && n % 5 == 0, $"count {cell} on the page");
            }
            else
            {
                Assert.Matches(@"^(fewer than 8|not shown|no threshold|[+-]?\d+\.\d$)", cell);
            }
        }
    }

    // A cell that starts with a count (not a signed mean such as "+1.2").
    [GeneratedRegex(@"^([\d,]+)(?:\s|$)")]
    private static partial Regex LeadingCount();
}
