using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

/// <summary>Removing an organisation role, after a confirmation page like every other removal.</summary>
public sealed class RemoveRoleModel(LivingBetterDbContext db, AuditLog audit) : OrganisationAdminPageModel
{
    public MemberView Member { get; private set; } = null!;
    public RoleView Role { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid roleId, CancellationToken ct) =>
        await LoadAsync(id, roleId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid roleId, CancellationToken ct)
    {
        if (!await LoadAsync(id, roleId, ct))
        {
            return NotFound();
        }
        var removed = await db.Set<OrganisationRole>().Where(r => r.Id == roleId && r.StaffMembershipId == id).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await audit.RecordAsync(null, OrganisationRoleQueries.Action(OrganisationRoleQueries.Removed, Role.Kind), OrganisationRoleQueries.Part(id), ct: ct);
        }
        TempData["Success"] = $"{Member.Name} is no longer {(Role.Kind == OrganisationRoleKind.BoardMember ? "a board member" : $"lead of {Role.Division}")}.";
        return Redirect($"/organisation/staff/{id}/roles");
    }

    private async Task<bool> LoadAsync(Guid id, Guid roleId, CancellationToken ct)
    {
        if (await MemberQueries.FindAsync(db, Scope, id, ct) is not { } member
            || (await OrganisationRoleQueries.ForAsync(db, id, ct)).FirstOrDefault(r => r.Id == roleId) is not { } role)
        {
            return false;
        }
        Member = member;
        Role = role;
        return true;
    }
}
