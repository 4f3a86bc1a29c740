using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public sealed class InviteModel(LivingBetterDbContext db, StaffInvitations invitations, CurrentUser current) : OrganisationAdminPageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> JobRoleItems { get; } =
        [new SelectListItem("Choose a job role", ""), .. Enum.GetValues<JobRole>().Select(r => new SelectListItem(JobRoles.Name(r), r.ToString()))];

    public IReadOnlyList<SelectListItem> TeamItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadTeamsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadTeamsAsync(ct);
        ReplaceBindingError("Input.JobRole", "Choose a job role from the list");
        ReplaceBindingError("Input.TeamId", "Choose a team from the list");
        if (Input.TeamId is { } teamId && !Teams.EditModel.Offers(TeamItems, teamId))
        {
            ModelState.AddModelError("Input.TeamId", "Choose a team from the list");
        }
        if (Input.TeamLead && Input.TeamId is null && ModelState["Input.TeamId"]?.Errors.Count is null or 0)
        {
            ModelState.AddModelError("Input.TeamId", "Choose the team they will lead, or untick team lead");
        }
        var email = Tidy(Input.Email);
        var org = Scope.OrganisationId;
        if (ModelState.IsValid && await invitations.IsActiveStaffAsync(org, email, ct))
        {
            ModelState.AddModelError("Input.Email", $"{email} is already a member of staff here. You do not need to invite them");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await invitations.InviteAsync(org, current.RequiredId, email, Input.JobRole!.Value, Input.TeamId, Input.TeamLead, Input.MakeAdministrator,
            $"{Request.Scheme}://{Request.Host}", ct);
        TempData["Success"] = $"We have emailed an invitation to {email}. The link works for 7 days.";
        return Redirect("/organisation/staff");
    }

    private async Task LoadTeamsAsync(CancellationToken ct)
    {
        var org = Scope.OrganisationId;
        TeamItems =
        [
            new SelectListItem("No team for now", ""),
            .. await db.Teams.Where(t => t.OrganisationId == org).OrderBy(t => t.Name).Select(t => new SelectListItem(t.Name, t.Id.ToString())).ToListAsync(ct),
        ];
    }
}

public sealed class InviteInput
{
    [Required(ErrorMessage = "Enter their email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a job role")]
    public JobRole? JobRole { get; set; }

    public Guid? TeamId { get; set; }

    public bool TeamLead { get; set; }

    public bool MakeAdministrator { get; set; }
}
