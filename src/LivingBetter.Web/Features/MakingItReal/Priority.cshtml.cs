using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MakingItReal;

/// <summary>Adding and changing a priority area share one page; "add" is the same form with no id.</summary>
public sealed class PriorityModel(LivingBetterDbContext db) : PlanningPageModel
{
    /// <summary>Room for this many leads on the form; two or three is usual.</summary>
    public const int LeadRows = 4;

    public sealed class LeadInput
    {
        [StringLength(PlanningText.ShortMax, ErrorMessage = "Lead's name must be 200 characters or fewer")]
        public string? Name { get; set; }

        public LeadType? Type { get; set; }
    }

    public sealed class PriorityInput
    {
        [Required(ErrorMessage = "Enter the priority area")]
        [StringLength(PlanningText.ShortMax, ErrorMessage = "Priority area must be 200 characters or fewer")]
        public string? Title { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "What we will do must be 4000 characters or fewer")]
        public string? Actions { get; set; }

        [Required(ErrorMessage = "Choose a status")]
        public WorkStatus? Status { get; set; }

        public string? ReviewOn { get; set; }

        public List<LeadInput> Leads { get; set; } = [];
    }

    [BindProperty]
    public PriorityInput Input { get; set; } = new();

    public bool IsNew { get; private set; }
    public bool ConfirmDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? priorityId, CancellationToken ct)
    {
        var (found, priority) = await LoadAsync(priorityId, ct);
        if (!found)
        {
            return NotFound();
        }
        Input = priority is null ? new PriorityInput { Status = WorkStatus.NotStarted } : FromPriority(priority);
        PadLeads();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? priorityId, CancellationToken ct)
    {
        var (found, priority) = await LoadAsync(priorityId, ct);
        if (!found)
        {
            return NotFound();
        }
        PadLeads();
        DateOnly? review = null;
        if (!string.IsNullOrWhiteSpace(Input.ReviewOn))
        {
            if (TryParseDate(Input.ReviewOn, out var d))
            {
                review = d;
            }
            else
            {
                ModelState.AddModelError("Input.ReviewOn", "Next review date must be a real date, like 24/11/2026");
            }
        }
        var leads = new List<(string Name, LeadType Type)>();
        for (var i = 0; i < LeadRows; i++)
        {
            var lead = Input.Leads[i];
            var name = Tidy(lead.Name);
            if (name.Length > 0 && lead.Type is null
                && ModelState.GetFieldValidationState($"Input.Leads[{i}].Type") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError($"Input.Leads[{i}].Type", $"Choose what kind of lead {name} is");
            }
            else if (name.Length == 0 && lead.Type is not null)
            {
                ModelState.AddModelError($"Input.Leads[{i}].Name", "Enter the lead's name, or set the kind of lead back to Choose");
            }
            else if (name.Length > 0 && lead.Type is { } type)
            {
                leads.Add((name, type));
            }
        }
        if (ModelState.IsValid && !leads.Any(l => PriorityLead.IsLivedExperience(l.Type)))
        {
            ModelState.AddModelError("Input.Leads[0].Name",
                "Add at least one lead who uses services or is a carer: every priority area is led or co-led by someone with lived experience");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (priority is null)
        {
            priority = new MakingItRealPriority { Id = Guid.NewGuid(), OrganisationId = OrganisationId, CreatedAt = Now };
            db.Add(priority);
        }
        priority.Title = Tidy(Input.Title);
        priority.Actions = Tidy(Input.Actions);
        priority.Status = Input.Status!.Value;
        priority.ReviewOn = review is { } r ? AtMidnight(r) : null;
        db.RemoveRange(priority.Leads);
        priority.Leads.Clear();
        foreach (var (name, type) in leads)
        {
            var lead = new PriorityLead { Id = Guid.NewGuid(), PriorityId = priority.Id, Name = name, Type = type };
            priority.Leads.Add(lead);
            db.Add(lead);
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/making-it-real");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid? priorityId, bool confirmed, CancellationToken ct)
    {
        var (found, priority) = await LoadAsync(priorityId, ct);
        if (!found || priority is null)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            ModelState.Clear();
            ConfirmDelete = true;
            Input = FromPriority(priority);
            return Page();
        }
        db.Remove(priority);
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/making-it-real");
    }

    private void PadLeads()
    {
        Input.Leads ??= [];
        while (Input.Leads.Count < LeadRows)
        {
            Input.Leads.Add(new LeadInput());
        }
    }

    private static PriorityInput FromPriority(MakingItRealPriority p) => new()
    {
        Title = p.Title,
        Actions = p.Actions,
        Status = p.Status,
        ReviewOn = DateValue(p.ReviewOn),
        Leads = p.Leads.OrderByDescending(l => PriorityLead.IsLivedExperience(l.Type)).ThenBy(l => l.Name)
            .Select(l => new LeadInput { Name = l.Name, Type = l.Type }).ToList(),
    };

    private async Task<(bool Found, MakingItRealPriority? Priority)> LoadAsync(Guid? priorityId, CancellationToken ct)
    {
        IsNew = priorityId is null;
        if (priorityId is null)
        {
            return (true, null);
        }
        var priority = await db.Set<MakingItRealPriority>().Include(p => p.Leads)
            .FirstOrDefaultAsync(p => p.Id == priorityId && p.OrganisationId == OrganisationId, ct);
        return (priority is not null, priority);
    }
}
