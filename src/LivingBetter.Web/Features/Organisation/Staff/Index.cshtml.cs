using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed class IndexModel(LivingBetterDbContext db, TimeProvider time) : OrganisationAdminPageModel
{
    public sealed record StaffRow(Guid MembershipId, string Name, string Email, JobRole JobRole, bool IsAdministrator, IReadOnlyList<string> Teams);

    public sealed record PendingRow(string Email, JobRole? JobRole, string? Team, DateTimeOffset ExpiresAt);

    public IReadOnlyList<StaffRow> Rows { get; private set; } = [];
    public IReadOnlyList<PendingRow> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = Scope.OrganisationId;
        var staff = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.OrganisationId == org && m.LeftAt == null)
            .Select(m => new { m.Id, m.UserId, m.User!.DisplayName, m.User.Email, m.JobRole, m.IsAdministrator })
            .ToListAsync(ct);
        var userIds = staff.Select(s => s.UserId).ToList();
        var teams = await db.TeamMemberships.AsNoTracking()
            .Where(t => userIds.Contains(t.UserId) && t.Team!.OrganisationId == org && (t.Role == TeamRole.Staff || t.Role == TeamRole.TeamLead))
            .Select(t => new { t.UserId, t.Team!.Name, t.Role })
            .ToListAsync(ct);
        Rows = staff
            .OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(s => new StaffRow(s.Id, s.DisplayName, s.Email ?? "", s.JobRole, s.IsAdministrator,
                teams.Where(t => t.UserId == s.UserId).OrderBy(t => t.Name)
                    .Select(t => t.Role == TeamRole.TeamLead ? t.Name + " (team lead)" : t.Name).ToList()))
            .ToList();
        var now = time.GetUtcNow();
        Pending = (await db.Invitations.AsNoTracking()
            .Where(i => i.Kind == InvitationKind.Staff && i.OrganisationId == org && i.UsedAt == null)
            .Select(i => new { i.Email, i.JobRole, Team = db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(), i.ExpiresAt })
            .ToListAsync(ct))
            // SQLite cannot compare DateTimeOffset values in SQL, so the expiry filter runs here.
            .Where(i => i.ExpiresAt > now)
            .OrderBy(i => i.ExpiresAt)
            .Select(i => new PendingRow(i.Email ?? "", i.JobRole, i.Team, i.ExpiresAt))
            .ToList();
    }
}
