using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class NewActionModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public List<SelectListItem> PriorityItems { get; private set; } = [];

    public sealed class ActionInput
    {
        public string? PriorityId { get; set; }

        [Required(ErrorMessage = "Enter what exactly we will do")]
        [StringLength(TeamAction.TextMaxLength, ErrorMessage = "What exactly we will do must be 1000 characters or fewer")]
        public string? Specific { get; set; }

        [Required(ErrorMessage = "Enter how we will know it has been done")]
        [StringLength(TeamAction.TextMaxLength, ErrorMessage = "How we will know must be 1000 characters or fewer")]
        public string? Measure { get; set; }

        [Required(ErrorMessage = "Enter why we can achieve this")]
        [StringLength(TeamAction.TextMaxLength, ErrorMessage = "Why we can achieve this must be 1000 characters or fewer")]
        public string? Achievable { get; set; }

        [Required(ErrorMessage = "Enter why this is realistic now")]
        [StringLength(TeamAction.TextMaxLength, ErrorMessage = "Why this is realistic must be 1000 characters or fewer")]
        public string? Realistic { get; set; }

        [Required(ErrorMessage = "Enter the date it will be done by")]
        public string? DueDate { get; set; }

        public List<Guid> LeadUserIds { get; set; } = [];

        [StringLength(TeamAction.WorkingGroupMaxLength, ErrorMessage = "Working group must be 500 characters or fewer")]
        public string? WorkingGroup { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, Guid? priority, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Input.PriorityId = priority?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage || Plan is null)
        {
            return NotFound();
        }
        var due = ParseDate(Input.DueDate);
        if (Input.DueDate is not null && due is null)
        {
            ModelState.AddModelError("Input.DueDate", "Done by must be a real date, like 2027-03-31");
        }
        else if (due is { } d && d < Plans.Today)
        {
            ModelState.AddModelError("Input.DueDate", "Done by must be today or in the future");
        }
        var members = Members.ToDictionary(m => m.UserId);
        var leads = Input.LeadUserIds.Distinct().Where(members.ContainsKey).Select(id => members[id]).ToList();
        if (TeamPlanRules.JointLeadProblem(leads.Select(l => l.Perspective)) is { } problem)
        {
            ModelState.AddModelError("Input.LeadUserIds", problem);
        }
        Guid? priorityId = null;
        if (!string.IsNullOrEmpty(Input.PriorityId))
        {
            if (Guid.TryParse(Input.PriorityId, out var pid) && PriorityItems.Any(p => p.Value == pid.ToString()))
            {
                priorityId = pid;
            }
            else
            {
                ModelState.AddModelError("Input.PriorityId", "Choose one of the team's priorities, or none");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var action = new TeamAction
        {
            Id = Guid.NewGuid(),
            TeamPlanId = Plan.Id,
            PriorityId = priorityId,
            Specific = Input.Specific!.Trim(),
            Measure = Input.Measure!.Trim(),
            Achievable = Input.Achievable!.Trim(),
            Realistic = Input.Realistic!.Trim(),
            DueDate = due!.Value,
            Status = ActionStatus.NotStarted,
            WorkingGroup = (Input.WorkingGroup ?? "").Trim(),
            CreatedAt = time.GetUtcNow(),
            Leads = leads.Select(l => new ActionLead { Id = Guid.NewGuid(), UserId = l.UserId, Perspective = l.Perspective }).ToList(),
        };
        Db.Add(action);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("action-added", ct);
        return Redirect($"{Scope.Base}/actions/{action.Id}?done=added");
    }

    /// <summary>Accepts the browser's date field (2027-03-31) and the way people type dates here (31/3/2027).</summary>
    public static DateOnly? ParseDate(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        PriorityItems = [new SelectListItem("No particular priority", "")];
        if (Plan is not null)
        {
            var priorities = await Db.Set<TeamPriority>().Where(p => p.TeamPlanId == Plan.Id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
            PriorityItems.AddRange(priorities.Select(p => new SelectListItem($"{p.Title} ({TeamPlanRules.Label(p.Kind)})", p.Id.ToString())));
        }
        return true;
    }
}
