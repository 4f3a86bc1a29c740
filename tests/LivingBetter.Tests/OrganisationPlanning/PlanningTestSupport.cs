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

    /// <summary>A member of staff in no team with an organisation role (ADR 0018), signed in.</summary>
    public static async Task<(Actor Actor, HttpClient Client)> CreateRoleHolderAsync(this LivingBetterApp app, Guid organisationId, OrganisationRoleKind kind, params Guid[] divisionIds)
    {
        var actor = await app.CreateStaffAsync(organisationId, null, Roles.Staff, JobRole.Manager);
        await app.WithDbAsync(async db =>
        {
            var membership = await db.StaffMemberships.Where(m => m.UserId == actor.UserId && m.OrganisationId == organisationId).Select(m => m.Id).SingleAsync();
            foreach (var divisionId in kind == OrganisationRoleKind.DivisionLead ? divisionIds.Cast<Guid?>() : [null])
            {
                db.Add(new OrganisationRole { Id = Guid.NewGuid(), StaffMembershipId = membership, Kind = kind, DivisionId = divisionId, GrantedAt = app.Time.GetUtcNow() });
            }
            await db.SaveChangesAsync();
        });
        return (actor, await app.SignInAsync(actor));
    }

    /// <summary>Completes a care-plan audit round the way a person does: the button, then the confirmation.</summary>
    public static async Task<HttpResponseMessage> CompleteAuditAsync(this HttpClient client, string roundUrl)
    {
        var ask = await client.SubmitFormAsync(roundUrl, new Dictionary<string, string>(), "handler=Complete");
        Assert.Equal(System.Net.HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("Complete this audit?", await ask.Content.ReadAsStringAsync());
        return await client.PostWithTokenAsync(roundUrl, roundUrl + "?handler=Complete", new Dictionary<string, string> { ["confirmed"] = "true" });
    }

    public static Dictionary<string, string> Fields(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
