using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Organisation.Staff;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

/// <summary>A place in an organisation's workforce, as the person sees it on "Your data".</summary>
public sealed record MyStaffRole(Guid Id, string Organisation, JobRole JobRole, bool IsAdministrator, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

/// <summary>
/// An organisation role (ADR 0018) with who gave it and when. Who gave it comes from the access-log entry
/// written when it was given; a role given some other way (the demo, an older database) has none.
/// </summary>
public sealed record MyOrganisationRole(Guid Id, string Organisation, OrganisationRoleKind Kind, string? Division, DateTimeOffset GrantedAt,
    Guid? GrantedByUserId, string? GrantedBy)
{
    public string Describe() => Kind == OrganisationRoleKind.BoardMember ? "Board member" : $"Division lead: {Division}";
}

/// <summary>A team the account belongs to, and how.</summary>
public sealed record MyTeamRole(Guid Id, string Team, string Organisation, TeamRole Role, DateTimeOffset JoinedAt);

public sealed record MyRoles(IReadOnlyList<MyStaffRole> Staff, IReadOnlyList<MyOrganisationRole> Organisation, IReadOnlyList<MyTeamRole> Teams)
{
    public static readonly MyRoles None = new([], [], []);
    public bool Any => Staff.Count + Organisation.Count + Teams.Count > 0;
}

/// <summary>The roles an account holds in organisations and teams, for the page and the download alike.</summary>
public static class MyRolesQuery
{
    public static async Task<MyRoles> ReadAsync(LivingBetterDbContext db, Guid userId, CancellationToken ct) =>
        new(await StaffAsync(db, userId, ct), await OrganisationRolesAsync(db, userId, ct), await TeamsAsync(db, userId, ct));

    public static Task<List<MyStaffRole>> StaffAsync(LivingBetterDbContext db, Guid userId, CancellationToken ct) =>
        db.StaffMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.JoinedAt)
            .Select(m => new MyStaffRole(m.Id, m.Organisation!.Name, m.JobRole, m.IsAdministrator, m.JoinedAt, m.LeftAt))
            .ToListAsync(ct);

    public static Task<List<MyTeamRole>> TeamsAsync(LivingBetterDbContext db, Guid userId, CancellationToken ct) =>
        db.TeamMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Team!.Name)
            .Select(m => new MyTeamRole(m.Id, m.Team!.Name, m.Team.Organisation!.Name, m.Role, m.JoinedAt))
            .ToListAsync(ct);

    public static async Task<List<MyOrganisationRole>> OrganisationRolesAsync(LivingBetterDbContext db, Guid userId, CancellationToken ct)
    {
        var roles = await db.Set<OrganisationRole>().AsNoTracking().Where(r => r.StaffMembership!.UserId == userId)
            .OrderBy(r => r.Kind).ThenBy(r => r.Division!.Name)
            .Select(r => new { r.Id, r.StaffMembershipId, Organisation = r.StaffMembership!.Organisation!.Name, r.Kind, Division = r.Division!.Name, r.GrantedAt })
            .ToListAsync(ct);
        if (roles.Count == 0)
        {
            return [];
        }
        // The grant entries name the membership, not the division: the entry for a role is the first one for
        // its membership and kind written at or after the moment it was given.
        var parts = roles.Select(r => OrganisationRoleQueries.Part(r.StaffMembershipId)).Distinct().ToList();
        var grants = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == null && parts.Contains(a.Part) && a.Action.StartsWith(OrganisationRoleQueries.Granted))
            .Select(a => new { a.Part, a.Action, a.At, a.ActorUserId })
            .ToListAsync(ct);
        var actorIds = grants.Where(g => g.ActorUserId is not null).Select(g => g.ActorUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return
        [
            .. roles.Select(r =>
            {
                var part = OrganisationRoleQueries.Part(r.StaffMembershipId);
                var action = OrganisationRoleQueries.Action(OrganisationRoleQueries.Granted, r.Kind);
                var by = grants.Where(g => g.Part == part && g.Action == action && g.At >= r.GrantedAt).MinBy(g => g.At)?.ActorUserId;
                // An account closed since keeps its place in the log but not its name.
                var name = by is { } id ? names.GetValueOrDefault(id, FormerUser.DisplayName) : null;
                return new MyOrganisationRole(r.Id, r.Organisation, r.Kind, r.Division, r.GrantedAt, by, name);
            }),
        ];
    }
}

/// <summary>
/// The account's organisation roles in the download, with who gave each. The rows belong to the account's
/// staff memberships, so closing the account erases them (before the memberships themselves).
/// </summary>
public sealed class OrganisationRolesSection : IMyDataSection
{
    public string Name => "organisationRoles";
    public Type Entity => typeof(OrganisationRole);
    public IReadOnlyList<string> Keys => [];
    public OnClose OnClose => OnClose.Erase;

    public async Task<object> ReadAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct) =>
        await MyRolesQuery.OrganisationRolesAsync(db, owner.UserId, ct);

    public Task<int> CloseAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct) =>
        db.Set<OrganisationRole>().Where(r => r.StaffMembership!.UserId == owner.UserId).ExecuteDeleteAsync(ct);
}
