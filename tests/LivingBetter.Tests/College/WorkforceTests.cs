using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

public sealed class WorkforceTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task TrainingRecord_Added_CountsForTheStaffMembersTeam()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);

        var response = await admin.SubmitFormAsync("/college/workforce", new Dictionary<string, string>
        {
            ["Input.Email"] = college.LivedTrainer.Email,
            ["Input.Kind"] = TrainingRecord.PlanWritingFacilitator,
            ["Input.CompletedOn"] = "2026-10-15",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync("/college/workforce");
        var row = page.QuerySelectorAll("main table")[0].QuerySelector("tbody tr")!;
        Assert.Equal("Test Community Team", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("2", row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal("1", row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Contains("15 October 2026", page.MainText());
    }

    [Fact]
    public async Task TrainingRecord_SomeoneFromAnotherOrganisationOrAFutureDate_ClearMessagesNothingSaved()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var (otherOrg, otherTeam) = await app.CreateOrganisationAsync();
        var outsider = await app.CreateStaffAsync(otherOrg, otherTeam);

        var response = await admin.SubmitFormAsync("/college/workforce", new Dictionary<string, string>
        {
            ["Input.Email"] = outsider.Email,
            ["Input.Kind"] = "Made-up training",
            ["Input.CompletedOn"] = "2030-01-01",
        });

        var page = await Forms.ParseAsync(response);
        Assert.StartsWith("There is no member of staff at", page.FieldError("Input_Email"));
        Assert.Equal("Choose the training they completed", page.FieldError("Input_Kind"));
        Assert.Equal("Date completed must be today or in the past", page.FieldError("Input_CompletedOn"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<TrainingRecord>().CountAsync(r => r.OrganisationId == college.OrganisationId)));
    }
}
