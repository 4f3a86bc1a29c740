using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>What the signed-in user may do in one team's plan.</summary>
public sealed record TeamScope(Team Team, Guid UserId, TeamRole? Role, bool IsAdmin)
{
    /// <summary>Team leads and the organisation's administrators set the plan up: members, frameworks, rounds.</summary>
    public bool CanManage => IsAdmin || Role == TeamRole.TeamLead;

    public bool IsMember => Role is not null;

    public bool IsStaffSide => Role is TeamRole.Staff or TeamRole.TeamLead;

    public Perspective? Perspective => Role is { } r ? TeamPlanRules.PerspectiveOf(r) : null;

    public string Base => $"/teams/{Team.Id}";
}

/// <summary>
/// The one check for team plans: members of the team (any role) and administrators of the team's
/// organisation. Everyone else gets null, which pages answer with 404 so nobody learns the team exists.
/// </summary>
public sealed class TeamAccess(LivingBetterDbContext db, CurrentUser user, AuditLog audit)
{
    public async Task<TeamScope?> ForTeamAsync(Guid teamId, CancellationToken ct = default)
    {
        if (user.Id is not { } userId)
        {
            return null;
        }
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null)
        {
            return null;
        }
        var role = await db.TeamMemberships.Where(m => m.TeamId == teamId && m.UserId == userId)
            .Select(m => (TeamRole?)m.Role).FirstOrDefaultAsync(ct);
        var isAdmin = await db.StaffMemberships.AnyAsync(
            s => s.OrganisationId == team.OrganisationId && s.UserId == userId && s.IsAdministrator && s.LeftAt == null, ct);
        if (role is null && !isAdmin)
        {
            await audit.RecordAsync(null, "trip.denied", "TeamPlan", AuditOutcome.Denied, ct);
            return null;
        }
        return new TeamScope(team, userId, role, isAdmin);
    }

    /// <summary>Teams the user belongs to, and for administrators every team of their organisations.</summary>
    public async Task<List<Team>> MyTeamsAsync(CancellationToken ct = default)
    {
        if (user.Id is not { } userId)
        {
            return [];
        }
        var adminOrgs = db.StaffMemberships.Where(s => s.UserId == userId && s.IsAdministrator && s.LeftAt == null).Select(s => s.OrganisationId);
        return await db.Teams.AsNoTracking()
            .Where(t => t.Members.Any(m => m.UserId == userId) || adminOrgs.Contains(t.OrganisationId))
            .OrderBy(t => t.Name)
            .ToListAsync(ct);
    }
}

public static class TeamPlanRules
{
    public static Perspective PerspectiveOf(TeamRole role) => role switch
    {
        TeamRole.PersonUsingService => Perspective.PersonUsingService,
        TeamRole.Carer => Perspective.Carer,
        _ => Perspective.Staff,
    };

    public static string Label(Perspective p) => p switch
    {
        Perspective.Staff => "Staff",
        Perspective.PersonUsingService => "Person using the service",
        _ => "Carer",
    };

    public static string Label(TeamRole r) => r switch
    {
        TeamRole.TeamLead => "Team lead",
        TeamRole.Staff => "Staff",
        TeamRole.PersonUsingService => "Person using the service",
        _ => "Carer",
    };

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Infrastructure.Wording.UkCulture);

    public static string Label(PriorityKind k) => k == PriorityKind.QuickWin ? "Quick win" : "Longer project";

    public static string Label(ActionStatus s) => s switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => "Stopped",
    };

    public static string Label(AssetKind k) => k switch
    {
        AssetKind.Skill => "Skill",
        AssetKind.Interest => "Interest",
        AssetKind.Language => "Language",
        AssetKind.LivedExperience => "Lived experience",
        _ => "Community contact",
    };

    public static string Label(AssetVisibility v) => v switch
    {
        AssetVisibility.Team => "Everyone in the team plan",
        AssetVisibility.StaffOnly => "Staff in the team",
        _ => "Only me and the team leads",
    };

    /// <summary>Why an action's leads are not enough, or null when there is a staff lead and a lead who uses the service.</summary>
    public static string? JointLeadProblem(IEnumerable<Perspective> leads)
    {
        var list = leads.ToList();
        var staff = list.Contains(Perspective.Staff);
        var person = list.Contains(Perspective.PersonUsingService);
        return (staff, person) switch
        {
            (true, true) => null,
            (false, false) => "Choose at least one member of staff and one person using the service as joint leads",
            (true, false) => "Choose at least one person using the service as a joint lead, as well as staff",
            _ => "Choose at least one member of staff as a joint lead, as well as a person using the service",
        };
    }
}
