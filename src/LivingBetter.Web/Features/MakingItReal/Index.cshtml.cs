using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MakingItReal;

[PlanningAccess(PlanningRoles.Everyone)]
public sealed class IndexModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed record RoundSummary(Guid Id, DateTimeOffset HeldOn, IReadOnlyDictionary<string, int?> Ratings)
    {
        public int Rated => Ratings.Values.Count(r => r is not null);
    }

    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public RoundSummary? Latest => Rounds.Count > 0 ? Rounds[0] : null;
    public RoundSummary? Previous => Rounds.Count > 1 ? Rounds[1] : null;
    public IReadOnlyList<MakingItRealPriority> Priorities { get; private set; } = [];
    public DateOnly TodayDate => Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rounds = await db.Set<MakingItRealRound>().AsNoTracking().Where(r => r.OrganisationId == OrganisationId)
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.HeldOn, Ratings = r.Ratings.Select(s => new { s.StatementKey, s.Rating }).ToList() })
            .ToListAsync(ct);
        Rounds = rounds.Select(r => new RoundSummary(r.Id, r.HeldOn, r.Ratings.ToDictionary(s => s.StatementKey, s => s.Rating))).ToList();
        Priorities = await db.Set<MakingItRealPriority>().AsNoTracking().Include(p => p.Leads)
            .Where(p => p.OrganisationId == OrganisationId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
    }
}
