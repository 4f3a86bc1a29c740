using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.OrganisationPlanning;

/// <summary>
/// The access matrix for organisation planning: only a current administrator of the organisation
/// sees these pages; everyone else is told the page does not exist, and nobody signed out sees anything.
/// </summary>
public sealed class AccessTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    public static TheoryData<string> Pages => new()
    {
        "/organisation-planning",
        "/organisation-planning/self-assessment",
        "/organisation-planning/self-assessment/progress",
        "/organisation-planning/strategy",
        "/organisation-planning/strategy/tasks/add",
        "/organisation-planning/divisions",
        "/organisation-planning/board",
        "/organisation-planning/making-it-real",
        "/organisation-planning/making-it-real/ratings/new",
        "/organisation-planning/making-it-real/priorities/add",
        "/organisation-planning/peer-workforce",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PlanningPage_EachRole_OnlyOrganisationAdminSeesIt(string url)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager));
        var lead = await app.SignInAsync(await app.CreateStaffAsync(orgId, teamId, Roles.TeamLead));
        var staff = await app.SignInAsync(await app.CreateStaffAsync(orgId, teamId, Roles.Staff, JobRole.PeerSupportWorker));
        var person = await app.SignInAsNewPersonAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync(url)).StatusCode);
        var anonymous = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AdminWhoseMembershipEnded_StillHoldingTheRole_NotFound()
    {
        var (orgId, _) = await app.CreateOrganisationAsync();
        var actor = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager);
        var client = await app.SignInAsync(actor);
        await app.WithDbAsync(async db =>
        {
            var membership = db.StaffMemberships.Single(m => m.UserId == actor.UserId);
            membership.LeftAt = app.Time.GetUtcNow();
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/organisation-planning/self-assessment")).StatusCode);
    }

    [Fact]
    public async Task Navigation_OrganisationPlanningItem_ShownToAdminOnly()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager));
        var staff = await app.SignInAsync(await app.CreateStaffAsync(orgId, teamId, Roles.Staff));

        Assert.NotNull((await admin.GetPageAsync("/")).QuerySelector("nav a[href='/organisation-planning']"));
        Assert.Null((await staff.GetPageAsync("/")).QuerySelector("nav a[href='/organisation-planning']"));
    }
}
