using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

/// <summary>
/// An administrator gives a member of staff an organisation role (board member, or lead of a
/// division) or sees the ones they have; removing one is on its own confirmation page (ADR 0018).
/// </summary>
public sealed class RolesModel(LivingBetterDbContext db, AuditLog audit, TimeProvider time) : OrganisationAdminPageModel
{
    public const string Board = "board";

    public sealed class RoleInput
    {
        /// <summary>"board", or "division:{id}" for the lead of that division.</summary>
        public string? Role { get; set; }
    }

    [BindProperty]
    public RoleInput Input { get; set; } = new();

    public MemberView Member { get; private set; } = null!;
    public IReadOnlyList<RoleView> Roles { get; private set; } = [];
    public IReadOnlyList<SelectListItem> RoleItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var choice = Tidy(Input.Role);
        OrganisationRoleKind? kind = null;
        Guid? divisionId = null;
        if (choice.Length == 0)
        {
            ModelState.AddModelError("Input.Role", "Choose a role to give them");
        }
        else if (choice == Board)
        {
            kind = OrganisationRoleKind.BoardMember;
        }
        else if (choice.StartsWith("division:", StringComparison.Ordinal) && Guid.TryParse(choice["division:".Length..], out var d)
            && await db.Divisions.AnyAsync(x => x.Id == d && x.OrganisationId == Member.OrganisationId, ct))
        {
            kind = OrganisationRoleKind.DivisionLead;
            divisionId = d;
        }
        else
        {
            ModelState.AddModelError("Input.Role", "Choose a role from the list: board member, or lead of one of your divisions");
        }
        if (kind is { } k && Roles.Any(r => r.Kind == k && r.DivisionId == divisionId))
        {
            ModelState.AddModelError("Input.Role", $"{Member.Name} already has this role");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Add(new OrganisationRole { Id = Guid.NewGuid(), StaffMembershipId = id, Kind = kind!.Value, DivisionId = divisionId, GrantedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators giving the same role at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Role", $"{Member.Name} already has this role");
            await LoadAsync(id, ct);
            return Page();
        }
        await audit.RecordAsync(null, OrganisationRoleQueries.Action(OrganisationRoleQueries.Granted, kind.Value), OrganisationRoleQueries.Part(id), ct: ct);
        TempData["Success"] = $"{Member.Name} is now {(kind == OrganisationRoleKind.BoardMember ? "a board member" : "a division lead")}. They see it the next time they sign in.";
        return Redirect($"/organisation/staff/{id}/roles");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await MemberQueries.FindAsync(db, Scope, id, ct) is not { } member)
        {
            return false;
        }
        Member = member;
        Roles = await OrganisationRoleQueries.ForAsync(db, id, ct);
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == member.OrganisationId).OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        RoleItems =
        [
            new SelectListItem("Choose a role", ""),
            .. Roles.Any(r => r.Kind == OrganisationRoleKind.BoardMember) ? Array.Empty<SelectListItem>() : [new SelectListItem("Board member", Board)],
            .. divisions.Where(d => !Roles.Any(r => r.DivisionId == d.Id)).Select(d => new SelectListItem($"Division lead: {d.Name}", $"division:{d.Id}")),
        ];
        return true;
    }
}
