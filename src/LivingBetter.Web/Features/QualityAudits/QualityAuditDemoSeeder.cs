using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

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
        var seed = r.Next(1, int.MaxValue);
        var sample = AuditCriteria.Draw(eligible, 20, seed);

        var baselineHeld = PlanningPageModel.AtMidnight(today.AddDays(-180));
        var baseline = new QualityAuditRound
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            Kind = QualityAuditKind.Baseline,
            HeldOn = baselineHeld,
            CreatedAt = baselineHeld,
            Status = QualityAuditStatus.Completed,
            CompletedAt = baselineHeld.AddDays(21),
            SampleSeed = seed,
            EligibleCount = eligible.Count,
        };
        await AuditCriteria.AddSampleAsync(db, baseline, sample, today, ct);
        Answer(baseline, r, better: false, baselineHeld);

        var reHeld = PlanningPageModel.AtMidnight(today.AddDays(-14));
        var reAudit = new QualityAuditRound
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            Kind = QualityAuditKind.ReAudit,
            BaselineRoundId = baseline.Id,
            HeldOn = reHeld,
            CreatedAt = reHeld,
            Status = QualityAuditStatus.InProgress,
            EligibleCount = sample.Count,
        };
        await AuditCriteria.AddSampleAsync(db, reAudit, sample, today, ct);
        Answer(reAudit, r, better: true, reHeld);
        db.AddRange(baseline, reAudit);

        // The demo division lead's own completed baseline, ready for them to re-audit.
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.OrganisationId == org.Id && d.Name == OrganisationRolesDemoSeeder.LeadDivision, ct);
        var inDivision = division is null ? [] : await AuditCriteria.EligibleAsync(db, org.Id, division.Id, null, now, ct);
        if (division is not null && inDivision.Count > 0)
        {
            var divisionSeed = r.Next(1, int.MaxValue);
            var held = PlanningPageModel.AtMidnight(today.AddDays(-90));
            var divisionBaseline = new QualityAuditRound
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                Kind = QualityAuditKind.Baseline,
                DivisionId = division.Id,
                HeldOn = held,
                CreatedAt = held,
                Status = QualityAuditStatus.Completed,
                CompletedAt = held.AddDays(14),
                SampleSeed = divisionSeed,
                EligibleCount = inDivision.Count,
            };
            await AuditCriteria.AddSampleAsync(db, divisionBaseline, AuditCriteria.Draw(inDivision, 10, divisionSeed), today, ct);
            Answer(divisionBaseline, r, better: false, held);
            db.Add(divisionBaseline);
        }
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
