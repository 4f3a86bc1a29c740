using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.QualityAudits;

[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.DivisionLead)]
public sealed class PlanModel(LivingBetterDbContext db, PersonAccess access) : PlanningPageModel
{
    public const string OpenAction = "quality-audit.plan.open";

    public sealed class CriterionInput
    {
        public string? Answer { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty]
    public List<CriterionInput> Input { get; set; } = [];

    public QualityAuditPlan AuditPlan { get; private set; } = null!;
    public string Team { get; private set; } = "";
    public bool HasGrant { get; private set; }

    /// <summary>Answers change only while the round is in progress, by administrators and the leads of its group.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>Only administrators are offered a way to a person's plans (through their sharing); other organisation roles see reports only.</summary>
    public bool CanOpen => Scope.IsAdministrator && HasGrant;

    public static IReadOnlyList<SelectListItem> AnswerItems { get; } =
    [
        new("Not recorded yet", ""),
        new("Yes", nameof(QualityAuditAnswer.Yes)),
        new("Partly", nameof(QualityAuditAnswer.Partly)),
        new("No", nameof(QualityAuditAnswer.No)),
    ];

    public QualityAuditCriterion Criterion(string key) => AuditPlan.Criteria.First(c => c.Key == key);

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        if (!await LoadAsync(id, number, ct))
        {
            return NotFound();
        }
        Input = AuditCriteria.All.Select(c => new CriterionInput { Answer = Criterion(c.Key).Answer?.ToString() ?? "", Note = Criterion(c.Key).Note }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number, CancellationToken ct)
    {
        if (!await LoadAsync(id, number, ct))
        {
            return NotFound();
        }
        if (!Scope.MayChangeGroup(AuditPlan.Round!.DivisionId, AuditPlan.Round.TeamId))
        {
            return NotFound();
        }
        if (AuditPlan.Round.Status == QualityAuditStatus.Completed)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "This audit is complete, so its answers can no longer be changed");
            Input = AuditCriteria.All.Select(c => new CriterionInput { Answer = Criterion(c.Key).Answer?.ToString() ?? "", Note = Criterion(c.Key).Note }).ToList();
            return Page();
        }
        var answers = new List<(QualityAuditAnswer? Answer, string Note)>();
        for (var i = 0; i < AuditCriteria.All.Count; i++)
        {
            var input = i < Input.Count ? Input[i] : new CriterionInput();
            var text = Tidy(input.Answer);
            QualityAuditAnswer? answer = null;
            if (text.Length > 0)
            {
                if (EnumNames.Parse<QualityAuditAnswer>(text) is { } a)
                {
                    answer = a;
                }
                else
                {
                    ModelState.AddModelError($"Input[{i}].Answer", $"{AuditCriteria.All[i].Title}: choose yes, partly or no");
                }
            }
            var note = Tidy(input.Note);
            if (note.Length > QualityAuditPlan.NoteMax)
            {
                ModelState.AddModelError($"Input[{i}].Note", $"Note on {AuditCriteria.All[i].Title.ToLowerInvariant()} must be {QualityAuditPlan.NoteMax} characters or fewer");
            }
            answers.Add((answer, note));
        }
        if (!ModelState.IsValid)
        {
            while (Input.Count < AuditCriteria.All.Count)
            {
                Input.Add(new CriterionInput());
            }
            return Page();
        }
        for (var i = 0; i < AuditCriteria.All.Count; i++)
        {
            var criterion = Criterion(AuditCriteria.All[i].Key);
            criterion.Answer = answers[i].Answer;
            criterion.Note = answers[i].Note;
        }
        AuditPlan.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/quality-audits/{id}");
    }

    /// <summary>
    /// Opening the sampled plan goes through the person's own sharing, exactly like any other look,
    /// and is written to the access log; without a grant it is "page not found" like anywhere else.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, int number, CancellationToken ct)
    {
        if (!await LoadAsync(id, number, ct) || !Scope.IsAdministrator)
        {
            return NotFound();
        }
        var summary = await access.RequireAnyAsync(AuditPlan.PersonId, OpenAction, ct);
        return summary is null ? NotFound() : Redirect($"/people/{AuditPlan.PersonId}/plans");
    }

    private async Task<bool> LoadAsync(Guid id, int number, CancellationToken ct)
    {
        var plan = await db.Set<QualityAuditPlan>().Include(p => p.Criteria).Include(p => p.Round)
            .FirstOrDefaultAsync(p => p.RoundId == id && p.Number == number && p.Round!.OrganisationId == OrganisationId, ct);
        if (plan is null || !Scope.MayReadGroup(plan.Round!.DivisionId, plan.Round.TeamId))
        {
            return false;
        }
        CanEdit = plan.Round.Status == QualityAuditStatus.InProgress && Scope.MayChangeGroup(plan.Round.DivisionId, plan.Round.TeamId);
        // A criterion added to the list after the round was drawn starts unanswered.
        foreach (var c in AuditCriteria.All.Where(c => plan.Criteria.All(x => x.Key != c.Key)))
        {
            plan.Criteria.Add(new QualityAuditCriterion { Id = Guid.NewGuid(), Key = c.Key });
        }
        AuditPlan = plan;
        Team = await db.Teams.Where(t => t.Id == plan.TeamId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "A team";
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == plan.PersonId, ct);
        var levels = await access.LevelsAsync(person, ct);
        HasGrant = levels[SharedPart.WellbeingPlan] > AccessLevel.None || levels[SharedPart.StayingWellPlan] > AccessLevel.None
            || levels[SharedPart.CrisisPlan] > AccessLevel.None;
        return true;
    }
}
