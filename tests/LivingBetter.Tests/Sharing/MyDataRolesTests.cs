using System.IO.Compression;
using System.Net;
using System.Text.Json;
using LivingBetter.Tests.OrganisationPlanning;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Sharing;

/// <summary>"Your data" lists the account's places in organisations and teams and its organisation roles, with who gave each.</summary>
public sealed class MyDataRolesTests
{
    private static async Task<JsonDocument> DownloadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/my-data?handler=download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return JsonDocument.Parse(await new StreamReader(zip.GetEntry("my-data.json")!.Open()).ReadToEndAsync());
    }

    [Fact]
    public async Task MyData_RoleGivenByAnAdministrator_ListedWithWhoGaveItAndWhenOnPageAndInDownload()
    {
        using var app = new LivingBetterApp();
        var org = await app.CreatePlanningOrgAsync();
        var nurse = await app.CreateStaffAsync(org.OrganisationId, org.TeamId, Roles.Staff, JobRole.Nurse);
        var (membershipId, adminName) = await app.WithDbAsync(async db => (
            await db.StaffMemberships.Where(m => m.UserId == nurse.UserId).Select(m => m.Id).SingleAsync(),
            await db.Users.Where(u => u.Id == org.AdminActor.UserId).Select(u => u.DisplayName).SingleAsync()));
        var given = await org.Admin.SubmitFormAsync($"/organisation/staff/{membershipId}/roles",
            new Dictionary<string, string> { ["Input.Role"] = $"division:{org.DivisionId}" });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        var grantedAt = app.Time.GetUtcNow();
        var client = await app.SignInAsync(nurse);

        var page = await client.GetPageAsync("/my-data");
        var today = app.Time.GetUtcNow().ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        var organisationName = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == org.OrganisationId).Select(o => o.Name).SingleAsync());
        Assert.Equal($"Division lead: Adult Mental Health Services ({organisationName}): given by {adminName} on {today}",
            page.QuerySelector("#organisation-roles li")!.TextContent.Trim());
        Assert.Equal($"{organisationName}: Nurse, since {today}", page.QuerySelector("#staff-roles li")!.TextContent.Trim());
        Assert.Equal($"Test Community Team ({organisationName}): Staff, since {today}", page.QuerySelector("#team-roles li")!.TextContent.Trim());

        using var doc = await DownloadAsync(client);
        var role = Assert.Single(doc.RootElement.GetProperty("organisationRoles").EnumerateArray());
        Assert.Equal("DivisionLead", role.GetProperty("kind").GetString());
        Assert.Equal("Adult Mental Health Services", role.GetProperty("division").GetString());
        Assert.Equal(adminName, role.GetProperty("grantedBy").GetString());
        Assert.Equal(org.AdminActor.UserId, role.GetProperty("grantedByUserId").GetGuid());
        Assert.Equal(grantedAt, role.GetProperty("grantedAt").GetDateTimeOffset());
        Assert.Equal("Nurse", Assert.Single(doc.RootElement.GetProperty("staffMemberships").EnumerateArray()).GetProperty("jobRole").GetString());
        var team = Assert.Single(doc.RootElement.GetProperty("teamMemberships").EnumerateArray());
        Assert.Equal("Test Community Team", team.GetProperty("team").GetString());
        Assert.Equal("Staff", team.GetProperty("role").GetString());
    }

    [Fact]
    public async Task MyData_RoleWithNoRecordOfWhoGaveIt_SaysSoAndDownloadLeavesItOut()
    {
        using var app = new LivingBetterApp();
        var org = await app.CreatePlanningOrgAsync();
        var (board, client) = await app.CreateRoleHolderAsync(org.OrganisationId, OrganisationRoleKind.BoardMember);

        var page = await client.GetPageAsync("/my-data");
        Assert.EndsWith("who gave it was not recorded", page.QuerySelector("#organisation-roles li")!.TextContent.Trim());
        Assert.StartsWith("Board member (", page.QuerySelector("#organisation-roles li")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#team-roles"));

        using var doc = await DownloadAsync(client);
        var role = Assert.Single(doc.RootElement.GetProperty("organisationRoles").EnumerateArray());
        Assert.Equal("BoardMember", role.GetProperty("kind").GetString());
        Assert.False(role.TryGetProperty("grantedBy", out _));
    }

    [Fact]
    public async Task MyData_RoleRemovedAndGivenAgainByAnother_NamesWhoGaveItLast()
    {
        using var app = new LivingBetterApp();
        var org = await app.CreatePlanningOrgAsync();
        var secondAdmin = await app.CreateStaffAsync(org.OrganisationId, null, Roles.OrgAdmin, JobRole.Manager);
        var (holder, client) = await app.CreateRoleHolderAsync(org.OrganisationId, OrganisationRoleKind.BoardMember);
        var membershipId = await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == holder.UserId).Select(m => m.Id).SingleAsync());
        var url = $"/organisation/staff/{membershipId}/roles";
        await app.WithDbAsync(db => db.Set<OrganisationRole>().Where(r => r.StaffMembershipId == membershipId).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Role"] = "board" })).StatusCode);
        await app.WithDbAsync(db => db.Set<OrganisationRole>().Where(r => r.StaffMembershipId == membershipId).ExecuteDeleteAsync());
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await app.SignInAsync(secondAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Role"] = "board" })).StatusCode);
        var secondName = await app.WithDbAsync(db => db.Users.Where(u => u.Id == secondAdmin.UserId).Select(u => u.DisplayName).SingleAsync());

        var page = await client.GetPageAsync("/my-data");

        Assert.Contains($"given by {secondName} on", page.QuerySelector("#organisation-roles li")!.TextContent);
    }
}
