using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.QualityAudits;

/// <summary>
/// A baseline care-plan audit six months ago and a re-audit of the same sample a fortnight ago,
/// showing some improvement. Answers start from what the system can tell and add the auditor's view
/// on the criteria it cannot judge. Notes are invented and quote nobody's plan.
/// </summary>
public sealed class QualityAuditDemoSeeder : IDemoSeeder
{
    public int Order => 55;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var org = context.Organisation;
        var now = context.Now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var eligible = await AuditCriteria.EligibleAsync(db, org.Id, null, null, now, ct);
        if (eligible.Count == 0)
        {
            return;
        }
        var r = context.Random;
        var sample = eligible.OrderBy(_ => r.Next()).Take(20).ToList();

        var baselineHeld = PlanningPageModel.AtMidnight(today.AddDays(-180));
        var baseline = new QualityAuditRound { Id = Guid.NewGuid(), OrganisationId = org.Id, Kind = QualityAuditKind.Baseline, HeldOn = baselineHeld, CreatedAt = baselineHeld };
        await AuditCriteria.AddSampleAsync(db, baseline, sample, today, ct);
        Answer(baseline, r, better: false, baselineHeld);

        var reHeld = PlanningPageModel.AtMidnight(today.AddDays(-14));
        var reAudit = new QualityAuditRound { Id = Guid.NewGuid(), OrganisationId = org.Id, Kind = QualityAuditKind.ReAudit, BaselineRoundId = baseline.Id, HeldOn = reHeld, CreatedAt = reHeld };
        await AuditCriteria.AddSampleAsync(db, reAudit, sample, today, ct);
        Answer(reAudit, r, better: true, reHeld);
        db.AddRange(baseline, reAudit);
    }

    private static void Answer(QualityAuditRound round, Random r, bool better, DateTimeOffset at)
    {
        foreach (var plan in round.Plans)
        {
            foreach (var c in plan.Criteria)
            {
                var roll = r.Next(100);
                // Six months earlier fewer plans met each criterion; the system's own answers describe today.
                c.Answer = c.Key is AuditCriteria.Goals or AuditCriteria.Involved || c.Suggested is null || !better
                    ? (roll < (better ? 55 : 30) ? QualityAuditAnswer.Yes : roll < (better ? 85 : 65) ? QualityAuditAnswer.Partly : QualityAuditAnswer.No)
                    : c.Suggested;
                if (c.Key == AuditCriteria.Goals && c.Answer == QualityAuditAnswer.Partly)
                {
                    c.Note = "Some goals read like the team's words rather than the person's.";
                }
            }
            plan.UpdatedAt = at;
        }
    }
}
