using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.SelfAssessment;

[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.Everyone)]
public sealed class IndexModel(LivingBetterDbContext db) : PlanningPageModel
{
    public const string WholeOrganisation = "organisation";

    public sealed record RoundRow(Guid Id, DateTimeOffset HeldOn, AssessmentStatus Status, int Rated, double? Average);

    public sealed record ScopeRows(Guid? DivisionId, string Name, IReadOnlyList<RoundRow> Rounds);

    public sealed class StartInput
    {
        [Required(ErrorMessage = "Choose who the self-assessment is for")]
        public string? Scope { get; set; }

        [Required(ErrorMessage = "Enter the date of the self-assessment")]
        public string? HeldOn { get; set; }
    }

    [BindProperty]
    public StartInput Input { get; set; } = new();

    public IReadOnlyList<ScopeRows> Scopes { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ScopeItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.HeldOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId).Select(d => d.Id).ToListAsync(ct);
        Guid? divisionId = null;
        if (!string.IsNullOrEmpty(Input.Scope) && Input.Scope != WholeOrganisation)
        {
            if (Guid.TryParse(Input.Scope, out var d) && divisions.Contains(d) && Scope.MaySelfAssess(d))
            {
                divisionId = d;
            }
            else
            {
                ModelState.AddModelError("Input.Scope", "Choose the whole organisation or one of its divisions");
            }
        }
        else if (Input.Scope == WholeOrganisation && !Scope.MaySelfAssess(null))
        {
            ModelState.AddModelError("Input.Scope", "Choose one of your divisions: the organisation-wide self-assessment is the board's");
        }
        DateOnly heldOn = default;
        if (!string.IsNullOrEmpty(Input.HeldOn) && !TryParseDate(Input.HeldOn, out heldOn))
        {
            ModelState.AddModelError("Input.HeldOn", "Date of the self-assessment must be a real date, like 24/11/2026");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        // A repeat starts from the goals and indicators agreed last time, so people review them
        // rather than start again; ratings and evidence are fresh because they describe now.
        var previous = await db.Set<SelfAssessmentRound>().AsNoTracking()
            .Where(r => r.OrganisationId == OrganisationId && r.DivisionId == divisionId)
            .OrderByDescending(r => r.HeldOn)
            .Select(r => r.Ratings.Select(c => new { c.ChallengeKey, c.GoalsForChange, c.ProgressIndicators }).ToList())
            .FirstOrDefaultAsync(ct);
        var round = new SelfAssessmentRound
        {
            Id = Guid.NewGuid(),
            OrganisationId = OrganisationId,
            DivisionId = divisionId,
            HeldOn = AtMidnight(heldOn),
            Status = AssessmentStatus.InProgress,
            CreatedAt = Now,
        };
        foreach (var challenge in Challenges.All)
        {
            var before = previous?.FirstOrDefault(p => p.ChallengeKey == challenge.Key);
            round.Ratings.Add(new ChallengeRating
            {
                Id = Guid.NewGuid(),
                ChallengeKey = challenge.Key,
                GoalsForChange = before?.GoalsForChange ?? "",
                ProgressIndicators = before?.ProgressIndicators ?? "",
            });
        }
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/self-assessment/{round.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId)
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var rounds = await db.Set<SelfAssessmentRound>().AsNoTracking()
            .Where(r => r.OrganisationId == OrganisationId)
            .Select(r => new
            {
                r.Id,
                r.DivisionId,
                r.HeldOn,
                r.Status,
                Ratings = r.Ratings.Where(c => c.Rating != null).Select(c => c.Rating!.Value).ToList(),
            })
            .ToListAsync(ct);
        List<RoundRow> For(Guid? divisionId) => rounds.Where(r => r.DivisionId == divisionId)
            .OrderByDescending(r => r.HeldOn)
            .Select(r => new RoundRow(r.Id, r.HeldOn, r.Status, r.Ratings.Count, r.Ratings.Count == 0 ? null : r.Ratings.Average()))
            .ToList();
        // Each sees the scopes they may read, and may start a round only where they run the self-assessment.
        Scopes =
        [
            .. Scope.MayRead(null) ? [new ScopeRows(null, "Whole organisation", For(null))] : Array.Empty<ScopeRows>(),
            .. divisions.Where(d => Scope.MayRead(d.Id)).Select(d => new ScopeRows(d.Id, d.Name, For(d.Id))),
        ];
        ScopeItems =
        [
            new SelectListItem("Choose who it is for", ""),
            .. Scope.MaySelfAssess(null) ? [new SelectListItem("The whole organisation", WholeOrganisation)] : Array.Empty<SelectListItem>(),
            .. divisions.Where(d => Scope.MaySelfAssess(d.Id)).Select(d => new SelectListItem(d.Name, d.Id.ToString())),
        ];
    }
}
