using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.OrganisationPlanning;

/// <summary>An organisation with one division, and its administrator signed in.</summary>
public sealed record PlanningOrg(Guid OrganisationId, Guid DivisionId, Guid TeamId, HttpClient Admin, Actor AdminActor)
{
    /// <summary>Signs in afresh, for after fake time has moved past the session's life.</summary>
    public async Task<HttpClient> SignInAgainAsync(LivingBetterApp app) => await app.SignInAsync(AdminActor);
}

public static class PlanningTestSupport
{
    public static async Task<PlanningOrg> CreatePlanningOrgAsync(this LivingBetterApp app)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var divisionId = await app.WithDbAsync(db => db.Divisions.Where(d => d.OrganisationId == orgId).Select(d => d.Id).SingleAsync());
        var admin = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager);
        return new PlanningOrg(orgId, divisionId, teamId, await app.SignInAsync(admin), admin);
    }

    public static Dictionary<string, string> Fields(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
