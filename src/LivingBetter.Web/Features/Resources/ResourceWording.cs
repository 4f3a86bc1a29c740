using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

public static class ResourceWording
{
    public static string Category(ResourceCategory c) => c switch
    {
        ResourceCategory.Club => "Clubs",
        ResourceCategory.Society => "Societies",
        ResourceCategory.CommunityGroup => "Community groups",
        ResourceCategory.VoluntarySector => "Voluntary sector services",
        ResourceCategory.Employment => "Work and volunteering",
        ResourceCategory.Housing => "Housing",
        ResourceCategory.MoneyAdvice => "Money advice",
        ResourceCategory.PeerSupport => "Peer support",
        _ => c.ToString(),
    };
}

/// <summary>Who may do what with the directory. The directory itself is signposting, not personal data, so every signed-in user may read it.</summary>
public sealed class ResourceRules(LivingBetterDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>Administrators hide notes on their organisation's resources; shared resources may be moderated by any administrator.</summary>
    public async Task<bool> MayModerateAsync(CommunityResource resource, CancellationToken ct = default)
    {
        if (user.Id is not { } me || !user.IsInRole(Roles.OrgAdmin))
        {
            return false;
        }
        return await db.StaffMemberships.AnyAsync(m => m.UserId == me && m.IsAdministrator && m.LeftAt == null
            && (resource.OrganisationId == null || m.OrganisationId == resource.OrganisationId), ct);
    }

    /// <summary>Organisations whose directory entries and suggestion queue the signed-in user looks after: those they administer.</summary>
    public async Task<List<Guid>> ManagedOrganisationsAsync(CancellationToken ct = default)
    {
        if (user.Id is not { } me || !user.IsInRole(Roles.OrgAdmin))
        {
            return [];
        }
        return await db.StaffMemberships.Where(m => m.UserId == me && m.IsAdministrator && m.LeftAt == null)
            .Select(m => m.OrganisationId).Distinct().ToListAsync(ct);
    }

    /// <summary>Organisations the signed-in member of staff works for, whose queue they may propose new entries to.</summary>
    public async Task<List<Guid>> MyStaffOrganisationsAsync(CancellationToken ct = default)
    {
        if (user.Id is not { } me || !user.IsStaff)
        {
            return [];
        }
        return await db.StaffMemberships.Where(m => m.UserId == me && m.LeftAt == null)
            .Select(m => m.OrganisationId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// People the signed-in member of staff may suggest things to: those who shared their wellbeing plan
    /// with them (or their team) to suggest, and unclaimed records their team supports. Each suggestion is
    /// still checked with <see cref="PersonAccess.RequireAsync"/> when it is made.
    /// </summary>
    public async Task<List<(Guid Id, string Name)>> PeopleICanSuggestToAsync(CancellationToken ct = default)
    {
        if (user.Id is not { } me || !user.IsStaff)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead)).Select(m => m.TeamId);
        var granted = await db.SharingGrants.AsNoTracking()
            .Where(g => g.Part == SharedPart.WellbeingPlan && g.Access == ShareAccess.Suggest && g.WithdrawnAt == null)
            .Where(g => g.GranteeUserId == me || (g.GranteeTeamId != null && myTeams.Contains(g.GranteeTeamId.Value)))
            .Select(g => new { g.PersonId, g.Person!.PreferredName, g.ExpiresAt, g.Person.UserId })
            .ToListAsync(ct);
        var unclaimed = await db.CareEpisodes.AsNoTracking()
            .Where(c => (c.EndedAt == null || c.EndedAt > now) && myTeams.Contains(c.TeamId) && c.Person!.UserId == null)
            .Select(c => new { c.PersonId, c.Person!.PreferredName })
            .ToListAsync(ct);
        return granted.Where(g => (g.ExpiresAt is null || g.ExpiresAt > now) && g.UserId != me).Select(g => (g.PersonId, g.PreferredName))
            .Concat(unclaimed.Select(u => (u.PersonId, u.PreferredName)))
            .DistinctBy(p => p.Item1)
            .OrderBy(p => p.Item2, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
