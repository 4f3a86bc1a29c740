using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>Team leads remove people using the service and carers; staff leave a team through the organisation's administration.</summary>
public sealed class RemoveMemberModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit)
    : TeamPageModel(access, plans, db, audit)
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid teamId, Guid membershipId, CancellationToken ct) =>
        await FindAsync(teamId, membershipId, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid teamId, Guid membershipId, CancellationToken ct)
    {
        var membership = await FindAsync(teamId, membershipId, ct);
        if (membership is null)
        {
            return NotFound();
        }
        // One save, so the member never half-leaves: assets, profile and membership go together.
        Db.RemoveRange(await Db.Set<TeamAsset>().Where(a => a.TeamId == teamId && a.OwnerUserId == membership.UserId).ToListAsync(ct));
        Db.RemoveRange(await Db.Set<MemberProfile>().Where(p => p.TeamId == teamId && p.UserId == membership.UserId).ToListAsync(ct));
        Db.TeamMemberships.Remove(membership);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("member-removed", ct);
        return Redirect($"{Scope.Base}/members?done=removed");
    }

    private async Task<TeamMembership?> FindAsync(Guid teamId, Guid membershipId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct) || !Scope.CanManage)
        {
            return null;
        }
        var m = await Db.TeamMemberships.Include(x => x.User)
            .FirstOrDefaultAsync(x => x.Id == membershipId && x.TeamId == teamId && (x.Role == TeamRole.PersonUsingService || x.Role == TeamRole.Carer), ct);
        Name = m?.User?.DisplayName ?? "";
        return m;
    }
}
