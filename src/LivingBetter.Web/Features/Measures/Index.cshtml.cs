using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

public sealed class IndexModel(LivingBetterDbContext db, PersonAccess access, TimeProvider time) : PageModel
{
    public sealed record Result(DateTimeOffset At, decimal? Raw, decimal? Metric, ChangeVerdict Verdict);

    public sealed record MeasureHistory(MeasureDefinition Measure, IReadOnlyList<Result> Results);

    public IReadOnlyList<MeasureHistory> Measures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null || await access.RequireAsync(me.Id, SharedPart.CheckIns, AccessLevel.Owner, "measures.view", ct) is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow();
        var enabled = await db.Set<MeasureDefinition>().AsNoTracking()
            .Where(m => m.Enabled && db.CareEpisodes.Any(c => c.PersonId == me.Id && (c.EndedAt == null || c.EndedAt > now) && c.Team!.OrganisationId == m.OrganisationId))
            .OrderBy(m => m.Title).ToListAsync(ct);
        var responses = await db.Set<MeasureResponse>().AsNoTracking().Where(r => r.PersonId == me.Id).OrderBy(r => r.At).ToListAsync(ct);
        Measures = enabled.Select(m =>
        {
            var (q, _) = ScoringEngine.ParseQuestionnaire(m.DefinitionJson);
            var (s, _) = ScoringEngine.ParseScoring(m.ScoringJson, q);
            var mine = responses.Where(r => r.MeasureDefinitionId == m.Id).ToList();
            var baseline = mine.Count > 0 ? mine[0].MetricScore ?? mine[0].RawScore : null;
            return new MeasureHistory(m, mine.Select((r, i) => new Result(r.At, r.RawScore, r.MetricScore,
                i == 0 || s is null ? ChangeVerdict.NotEnough : ScoringEngine.Compare(s, baseline, r.MetricScore ?? r.RawScore))).ToList());
        }).ToList();
        return Page();
    }

    public static string Describe(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.ReliableImprovement => "Reliable improvement since your first",
        ChangeVerdict.ReliableDeterioration => "Reliably lower than your first",
        ChangeVerdict.NoReliableChange => "No reliable change since your first",
        _ => "Your starting point",
    };
}
