using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>What every team plan page needs: the access check, the current plan and the people in it.</summary>
public abstract class TeamPageModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit) : PageModel
{
    protected TeamAccess Access { get; } = access;
    protected TeamPlanService Plans { get; } = plans;
    protected LivingBetterDbContext Db { get; } = db;
    protected AuditLog Audit { get; } = audit;

    public TeamScope Scope { get; private set; } = null!;
    public TeamPlan? Plan { get; private set; }
    public List<MemberRow> Members { get; private set; } = [];

    public sealed record MemberRow(Guid MembershipId, Guid UserId, string Name, string Email, TeamRole Role)
    {
        public Perspective Perspective => TeamPlanRules.PerspectiveOf(Role);
    }

    /// <summary>False when the caller may not see this team; the page then answers 404.</summary>
    protected async Task<bool> LoadTeamAsync(Guid teamId, CancellationToken ct)
    {
        var scope = await Access.ForTeamAsync(teamId, ct);
        if (scope is null)
        {
            return false;
        }
        Scope = scope;
        Plan = await Plans.CurrentPlanAsync(teamId, ct);
        Members = await Db.TeamMemberships.Where(m => m.TeamId == teamId)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new MemberRow(m.Id, m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role))
            .ToListAsync(ct);
        return true;
    }

    protected Task RecordAsync(string action, CancellationToken ct) => Audit.RecordAsync(null, "trip." + action, "TeamPlan", ct: ct);
}
