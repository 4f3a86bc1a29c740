using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.QualityAudits;

public sealed class RoundModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record PlanRow(int Number, string Team, IReadOnlyDictionary<string, QualityAuditAnswer?> Answers, bool Checked);

    public QualityAuditRound Round { get; private set; } = null!;
    public string ScopeName { get; private set; } = "";
    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, AuditCriteria.Share> Summary { get; private set; } = new Dictionary<string, AuditCriteria.Share>();
    public DateTimeOffset? BaselineHeldOn { get; private set; }
    public IReadOnlyDictionary<string, AuditCriteria.Share>? BaselineSummary { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<QualityAuditRound>().AsNoTracking().Include(r => r.Plans).ThenInclude(p => p.Criteria)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == OrganisationId, ct);
        if (round is null)
        {
            return NotFound();
        }
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
            var baseline = await db.Set<QualityAuditRound>().AsNoTracking().Where(r => r.Id == baselineId && r.OrganisationId == OrganisationId)
                .Select(r => new { r.HeldOn, Criteria = r.Plans.SelectMany(p => p.Criteria).ToList() }).FirstOrDefaultAsync(ct);
            if (baseline is not null)
            {
                BaselineHeldOn = baseline.HeldOn;
                BaselineSummary = AuditCriteria.Summarise(baseline.Criteria);
            }
        }
        return Page();
    }
}
