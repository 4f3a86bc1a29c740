using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.QualityAudits;

[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.DivisionLead)]
public sealed class RoundModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record PlanRow(int Number, string Team, IReadOnlyDictionary<string, QualityAuditAnswer?> Answers, bool Checked);

    public QualityAuditRound Round { get; private set; } = null!;
    public string ScopeName { get; private set; } = "";
    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, AuditCriteria.Share> Summary { get; private set; } = new Dictionary<string, AuditCriteria.Share>();
    public DateTimeOffset? BaselineHeldOn { get; private set; }
    public IReadOnlyDictionary<string, AuditCriteria.Share>? BaselineSummary { get; private set; }

    /// <summary>Administrators and the leads of the round's division or team work on it; board members read it.</summary>
    public bool CanChange { get; private set; }

    /// <summary>The first press of "complete" asks again before the answers are fixed.</summary>
    public bool ConfirmComplete { get; private set; }

    /// <summary>In words: how the sample was chosen.</summary>
    public string HowChosen { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Completing fixes the answers, so it is asked for twice; a completed baseline can then be re-audited.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, bool confirmed, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanChange)
        {
            return NotFound();
        }
        if (Round.Status == QualityAuditStatus.Completed)
        {
            return Redirect($"/organisation-planning/quality-audits/{id}");
        }
        if (!confirmed)
        {
            ConfirmComplete = true;
            return Page();
        }
        await db.Set<QualityAuditRound>().Where(r => r.Id == id && r.Status == QualityAuditStatus.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, QualityAuditStatus.Completed).SetProperty(r => r.CompletedAt, Now), ct);
        return Redirect($"/organisation-planning/quality-audits/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<QualityAuditRound>().AsNoTracking().Include(r => r.Plans).ThenInclude(p => p.Criteria)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == OrganisationId, ct);
        if (round is null || !Scope.MayReadGroup(round.DivisionId, round.TeamId))
        {
            return false;
        }
        CanChange = Scope.MayChangeGroup(round.DivisionId, round.TeamId);
        Round = round;
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == OrganisationId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        ScopeName = round.TeamId is { } t ? teams.GetValueOrDefault(t, "A team")
            : round.DivisionId is { } d ? await db.Divisions.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "A division"
            : "Whole organisation";
        Plans = round.Plans.OrderBy(p => p.Number)
            .Select(p => new PlanRow(p.Number, teams.GetValueOrDefault(p.TeamId, "A team"), p.Criteria.ToDictionary(c => c.Key, c => c.Answer), p.UpdatedAt is not null))
            .ToList();
        Summary = AuditCriteria.Summarise(round.Plans.SelectMany(p => p.Criteria));
        if (round.BaselineRoundId is { } baselineId)
        {
            // Compared only with a completed baseline: answers still changing are no baseline.
            var baseline = await db.Set<QualityAuditRound>().AsNoTracking()
                .Where(r => r.Id == baselineId && r.OrganisationId == OrganisationId && r.Status == QualityAuditStatus.Completed)
                .Select(r => new { r.HeldOn, Criteria = r.Plans.SelectMany(p => p.Criteria).ToList() }).FirstOrDefaultAsync(ct);
            if (baseline is not null)
            {
                BaselineHeldOn = baseline.HeldOn;
                BaselineSummary = AuditCriteria.Summarise(baseline.Criteria);
            }
        }
        HowChosen = round.SampleSeed is { } seed
            ? $"Chosen at random: {round.Plans.Count} of the {round.EligibleCount} people with a plan whom {(round.DivisionId is null && round.TeamId is null ? "the organisation" : ScopeName)} supported when the audit started, listed in a fixed order and drawn with the number {seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Drawing again from the same list with the same number gives the same plans."
            : round.BaselineRoundId is not null || round.Kind == QualityAuditKind.ReAudit
                ? $"The same plans as the baseline, in the same order, leaving out anyone no longer supported ({round.Plans.Count} plans)."
                : "Chosen at random before draws were recorded; the sample itself is kept with the audit.";
        return true;
    }
}
