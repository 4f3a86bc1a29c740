using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

// Not LivingBetter.Tests.Organisation: that namespace would hide the Organisation entity from the shared test support.
namespace LivingBetter.Tests.OrganisationAdmin;

/// <summary>An organisation with a signed-in administrator: the starting point of most admin tests.</summary>
public sealed record AdminSession(HttpClient Client, Actor Admin, Guid OrganisationId, Guid TeamId);

public static class AdminSupport
{
    public static async Task<AdminSession> SignInAsNewAdminAsync(this LivingBetterApp app, string? organisationName = null)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync(organisationName);
        var admin = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager);
        return new AdminSession(await app.SignInAsync(admin), admin, orgId, teamId);
    }

    public static async Task<Guid> DivisionIdAsync(this LivingBetterApp app, Guid orgId, string name) =>
        await app.WithDbAsync(db => db.Divisions.Where(d => d.OrganisationId == orgId && d.Name == name).Select(d => d.Id).SingleAsync());

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, params (string Key, string Value)[] fields) =>
        await client.SubmitFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value));

    public static async Task AssertRedirectToAsync(this HttpResponseMessage response, string location)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await Forms.ParseAsync(response);
            Assert.Fail($"Expected a redirect to {location}, got {(int)response.StatusCode} with errors: {string.Join("; ", page.ErrorSummary())}");
        }
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    public static (string, string)[] SettingsFields(string name = "Settings Trust", string label = "My staying-well plan", string min = "1", string max = "10") =>
    [
        ("Input.Name", name), ("Input.StayingWellPlanLabel", label), ("Input.WheelScaleMin", min), ("Input.WheelScaleMax", max),
        ("Input.WheelScaleLowLabel", "Not good at all"), ("Input.WheelScaleHighLabel", "As good as it could be"),
    ];
}
