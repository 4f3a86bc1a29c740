using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Records;

public sealed class DemoClaimTests(DemoOrganisationApp app) : IClassFixture<DemoOrganisationApp>
{
    [Fact]
    public async Task DemoClaimCodeInTheReadme_OnASeededDemo_ClaimsRobinsRecordWithTheGoalPriyaWroteWithThem()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(FindRepositoryRoot(), "README.md"));
        Assert.Contains(RecordsDemoSeeder.DemoClaimCode, readme);

        var staff = app.NewClient();
        await app.SignInAsync(staff, DemoAccounts.Staff.Email, DemoAccounts.Password, DemoAccounts.Staff.AuthenticatorKey);
        var robinId = await app.WithDbAsync(db => db.StartedRecords.Where(r => r.FullName == "Robin Hartley").Select(r => r.PersonId).SingleAsync());
        var record = await staff.GetPageAsync($"/people/{robinId}/record");
        Assert.Contains("Started by Priya Shah", record.MainText());
        Assert.Contains("1 draft is waiting for Robin to confirm", record.MainText());

        var visitor = app.NewClient();
        var claimed = await visitor.SubmitFormAsync($"/claim/{RecordsDemoSeeder.DemoClaimCode}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Robin",
            ["Input.Email"] = "robin.tester@test.livingbetter.example",
            ["Input.Password"] = LivingBetterApp.Password,
        }, "handler=create");
        Assert.Equal("/my-record?claimed=true", claimed.Headers.Location?.OriginalString);
        var goals = await visitor.GetPageAsync("/plans/wellbeing/goals");
        Assert.Contains("Written together with Priya Shah", goals.QuerySelector("[data-suggestion]")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/people/{robinId}/record")).StatusCode);
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LivingBetter.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
