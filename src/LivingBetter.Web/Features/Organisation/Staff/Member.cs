using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed record MemberTeam(Guid TeamId, string Name, TeamRole Role);

public sealed record MemberView(Guid MembershipId, Guid UserId, Guid OrganisationId, string Name, string Email, JobRole JobRole, bool IsAdministrator,
    IReadOnlyList<MemberTeam> Teams);

public static class MemberQueries
{
    /// <summary>A current staff membership in one of the admin's organisations, or null (which pages answer with 404).</summary>
    public static async Task<MemberView?> FindAsync(LivingBetterDbContext db, AdminScope scope, Guid membershipId, CancellationToken ct)
    {
        var m = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.Id == membershipId && m.LeftAt == null)
            .Select(m => new { m.Id, m.UserId, m.OrganisationId, m.User!.DisplayName, m.User.Email, m.JobRole, m.IsAdministrator })
            .FirstOrDefaultAsync(ct);
        if (m is null || !scope.Administers(m.OrganisationId))
        {
            return null;
        }
        var teams = await db.TeamMemberships.AsNoTracking()
            .Where(t => t.UserId == m.UserId && t.Team!.OrganisationId == m.OrganisationId && (t.Role == TeamRole.Staff || t.Role == TeamRole.TeamLead))
            .OrderBy(t => t.Team!.Name)
            .Select(t => new MemberTeam(t.TeamId, t.Team!.Name, t.Role))
            .ToListAsync(ct);
        return new MemberView(m.Id, m.UserId, m.OrganisationId, m.DisplayName, m.Email ?? "", m.JobRole, m.IsAdministrator, teams);
    }
}
