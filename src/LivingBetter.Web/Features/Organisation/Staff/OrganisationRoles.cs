using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed record RoleView(Guid Id, OrganisationRoleKind Kind, Guid? DivisionId, string? Division, DateTimeOffset GrantedAt)
{
    public string Describe() => Kind == OrganisationRoleKind.BoardMember ? "Board member" : $"Division lead: {Division}";
}

/// <summary>Organisation roles of one staff membership, and the access-log entries for granting and removing them (ADR 0018).</summary>
public static class OrganisationRoleQueries
{
    public const string Granted = "organisation.role.granted";
    public const string Removed = "organisation.role.removed";
    public const string EndedWithMembership = "organisation.role.ended";

    public static string Action(string what, OrganisationRoleKind kind) =>
        what + (kind == OrganisationRoleKind.BoardMember ? ".board-member" : ".division-lead");

    /// <summary>Which staff membership the entry is about; the division is on the membership's roles page at the time.</summary>
    public static string Part(Guid membershipId) => "staff:" + membershipId;

    public static Task<List<RoleView>> ForAsync(LivingBetterDbContext db, Guid membershipId, CancellationToken ct) =>
        db.Set<OrganisationRole>().AsNoTracking().Where(r => r.StaffMembershipId == membershipId)
            .OrderBy(r => r.Kind).ThenBy(r => r.Division!.Name)
            .Select(r => new RoleView(r.Id, r.Kind, r.DivisionId, r.Division!.Name, r.GrantedAt))
            .ToListAsync(ct);

    /// <summary>Ends every role of a membership that is ending, each written to the access log.</summary>
    public static async Task EndAllAsync(LivingBetterDbContext db, AuditLog audit, Guid membershipId, CancellationToken ct)
    {
        var roles = await db.Set<OrganisationRole>().Where(r => r.StaffMembershipId == membershipId).ToListAsync(ct);
        if (roles.Count == 0)
        {
            return;
        }
        db.RemoveRange(roles);
        await db.SaveChangesAsync(ct);
        foreach (var role in roles)
        {
            await audit.RecordAsync(null, Action(EndedWithMembership, role.Kind), Part(membershipId), ct: ct);
        }
    }
}
