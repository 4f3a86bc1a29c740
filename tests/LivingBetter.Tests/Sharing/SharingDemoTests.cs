using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Sharing;

public sealed class SharingDemoTests(DemoOrganisationApp app) : IClassFixture<DemoOrganisationApp>
{
    [Fact]
    public async Task DemoSupporter_ReadsAlexsCrisisPlanButNotTheWellbeingPlanAlexStoppedSharing()
    {
        var alexId = await app.WithDbAsync(db => db.People.Where(p => p.User!.Email == DemoAccounts.Person.Email).Select(p => p.Id).SingleAsync());
        var sam = app.NewClient();
        await app.SignInAsync(sam, DemoAccounts.Supporter.Email, DemoAccounts.Password, null);

        var supporting = await sam.GetPageAsync("/supporting");
        Assert.Contains("Alex", supporting.MainText());
        var crisis = await sam.GetAsync($"/people/{alexId}/plans/staying-well/crisis");
        Assert.Equal(HttpStatusCode.OK, crisis.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync($"/people/{alexId}/plans/wellbeing/goals")).StatusCode);

        var staff = app.NewClient();
        await app.SignInAsync(staff, DemoAccounts.Staff.Email, DemoAccounts.Password, DemoAccounts.Staff.AuthenticatorKey);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/people/{alexId}/plans")).StatusCode);
    }
}
