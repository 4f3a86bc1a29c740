using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class MembersModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, UserManager<AppUser> users, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public string? Message { get; private set; }

    [BindProperty]
    public AddInput Input { get; set; } = new();

    public sealed class AddInput
    {
        [Required(ErrorMessage = "Enter the email address they sign in with")]
        [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose how they join the team plan")]
        public string? Role { get; set; } = nameof(TeamRole.PersonUsingService);
    }

    public IEnumerable<SelectListItem> RoleItems =>
    [
        new("Person using the service", nameof(TeamRole.PersonUsingService)),
        new("Carer or family member", nameof(TeamRole.Carer)),
        new("Staff", nameof(TeamRole.Staff)),
        new("Team lead", nameof(TeamRole.TeamLead)),
    ];

    public async Task<IActionResult> OnGetAsync(Guid teamId, string? done, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "added" => "They are now a member of the team plan.",
            "removed" => "They are no longer a member of the team plan.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct) || !Scope.CanManage)
        {
            return NotFound();
        }
        if (!Enum.TryParse<TeamRole>(Input.Role, out var role) || !Enum.IsDefined(role))
        {
            ModelState.AddModelError("Input.Role", "Choose how they join the team plan");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is null)
        {
            ModelState.AddModelError("Input.Email", "Email address: there is no LivingBetter account with this email address. Ask them to create an account first");
            return Page();
        }
        if (await Db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == user.Id, ct))
        {
            ModelState.AddModelError("Input.Email", "Email address: they are already a member of this team plan");
            return Page();
        }
        var roles = await users.GetRolesAsync(user);
        var isOrgStaff = await Db.StaffMemberships.AnyAsync(s => s.UserId == user.Id && s.OrganisationId == Scope.Team.OrganisationId && s.LeftAt == null, ct);
        var problem = role switch
        {
            TeamRole.Staff or TeamRole.TeamLead when !isOrgStaff => "Email address: only staff of this organisation can join as staff or team lead",
            TeamRole.PersonUsingService when !roles.Contains(Roles.Person) => "Email address: this account is not a personal account, so it cannot join as a person using the service",
            TeamRole.Carer when !roles.Contains(Roles.Person) && !roles.Contains(Roles.Supporter) => "Email address: this account is not a personal or supporter account, so it cannot join as a carer",
            _ => null,
        };
        if (problem is not null)
        {
            ModelState.AddModelError("Input.Email", problem);
            return Page();
        }
        Db.TeamMemberships.Add(new TeamMembership { Id = Guid.NewGuid(), TeamId = teamId, UserId = user.Id, Role = role, JoinedAt = time.GetUtcNow() });
        await Db.SaveChangesAsync(ct);
        await RecordAsync("member-added", ct);
        return Redirect($"{Scope.Base}/members?done=added");
    }
}
