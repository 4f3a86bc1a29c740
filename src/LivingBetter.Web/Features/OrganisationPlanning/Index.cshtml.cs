using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.OrganisationPlanning;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class IndexModel(LivingBetterDbContext db) : PlanningPageModel
{
    public DateTimeOffset? LastSelfAssessment { get; private set; }
    public StrategyPhase? Phase { get; private set; }
    public int DivisionPlans { get; private set; }
    public int OverdueActions { get; private set; }
    public int Priorities { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = OrganisationId;
        // A division lead's counts are of their own divisions only.
        var whole = Scope.SeesWholeOrganisation;
        var mine = Scope.LeadDivisionIds.ToList();
        LastSelfAssessment = await db.Set<SelfAssessmentRound>().Where(r => r.OrganisationId == org && (whole || (r.DivisionId != null && mine.Contains(r.DivisionId.Value))))
            .OrderByDescending(r => r.HeldOn).Select(r => (DateTimeOffset?)r.HeldOn).FirstOrDefaultAsync(ct);
        Phase = await db.Set<StrategyProgress>().Where(p => p.OrganisationId == org).Select(p => (StrategyPhase?)p.CurrentPhase).FirstOrDefaultAsync(ct);
        DivisionPlans = await db.Set<DivisionActionPlan>().CountAsync(p => p.OrganisationId == org && (whole || mine.Contains(p.DivisionId)), ct);
        var today = PlanningPageModel.AtMidnight(Today);
        OverdueActions = await db.Set<SmartAction>().CountAsync(a => a.Plan!.OrganisationId == org && (whole || mine.Contains(a.Plan.DivisionId)) && a.Status != WorkStatus.Done && a.DueOn < today, ct);
        Priorities = await db.Set<MakingItRealPriority>().CountAsync(p => p.OrganisationId == org, ct);
    }
}
