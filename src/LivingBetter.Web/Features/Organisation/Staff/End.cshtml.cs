using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed class EndModel(LivingBetterDbContext db, UserManager<AppUser> users, CurrentUser current, TimeProvider time, Audit.AuditLog audit) : OrganisationAdminPageModel
{
    public MemberView Member { get; private set; } = null!;
    public string? Blocker { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Blocker is not null)
        {
            return Page();
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var membership = await db.StaffMemberships.SingleAsync(m => m.Id == id, ct);
            membership.LeftAt = time.GetUtcNow();
            membership.IsAdministrator = false;
            // Staff places in this organisation's teams go with the job; someone who is also supported
            // by one of its teams, or cares for someone, keeps that membership.
            var orgId = membership.OrganisationId;
            await db.TeamMemberships
                .Where(t => t.UserId == membership.UserId && t.Team!.OrganisationId == orgId && (t.Role == TeamRole.Staff || t.Role == TeamRole.TeamLead))
                .ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            // Organisation roles go with the membership (board member, division lead).
            await OrganisationRoleQueries.EndAllAsync(db, audit, id, ct);
            var user = await users.FindByIdAsync(membership.UserId.ToString());
            if (user is not null)
            {
                await StaffRoles.SyncAsync(db, users, user, ct);
            }
            await tx.CommitAsync(ct);
        });
        TempData["Success"] = $"{Member.Name} is no longer a member of staff.";
        return Redirect("/organisation/staff");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await MemberQueries.FindAsync(db, Scope, id, ct) is not { } member)
        {
            return false;
        }
        Member = member;
        // Ending your own membership would lock you out mid-task and could leave nobody to undo it.
        Blocker = member.UserId == current.Id
            ? "You cannot end your own staff membership. Ask another administrator to do it."
            : null;
        return true;
    }
}
