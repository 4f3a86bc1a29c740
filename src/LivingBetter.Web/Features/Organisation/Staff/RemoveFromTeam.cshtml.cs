using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed class RemoveFromTeamModel(LivingBetterDbContext db, UserManager<AppUser> users) : OrganisationAdminPageModel
{
    public MemberView Member { get; private set; } = null!;
    public MemberTeam Team { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid teamId, CancellationToken ct) =>
        await LoadAsync(id, teamId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(id, teamId, ct))
        {
            return NotFound();
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.TeamMemberships.Where(m => m.TeamId == teamId && m.UserId == Member.UserId).ExecuteDeleteAsync(ct);
            var user = await users.FindByIdAsync(Member.UserId.ToString());
            if (user is not null)
            {
                await StaffRoles.SyncAsync(db, users, user, ct);
            }
            await tx.CommitAsync(ct);
        });
        TempData["Success"] = $"Removed {Member.Name} from {Team.Name}.";
        return Redirect($"/organisation/staff/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid teamId, CancellationToken ct)
    {
        if (await MemberQueries.FindAsync(db, Scope, id, ct) is not { } member || member.Teams.FirstOrDefault(t => t.TeamId == teamId) is not { } team)
        {
            return false;
        }
        Member = member;
        Team = team;
        return true;
    }
}
