using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Plans;

public sealed record PlanOverview(PlanKind Kind, string Slug, string Title, IReadOnlyList<SectionSnapshot> Sections)
{
    /// <summary>Suggestions waiting for the person, per section key (filled in for the person's own views only).</summary>
    public IReadOnlyDictionary<string, PendingSuggestions> Pending { get; init; } = new Dictionary<string, PendingSuggestions>();

    public int DoneCount => Sections.Count(s => s.State == SectionState.Done);
    public int StartedCount => Sections.Count(s => s.State == SectionState.Started);

    /// <summary>Where to pick up: the first section not yet done.</summary>
    public SectionSnapshot? Next => Sections.FirstOrDefault(s => s.State != SectionState.Done);

    public static string StateText(SectionState s) => s switch
    {
        SectionState.Done => "Done",
        SectionState.Started => "Started",
        _ => "Not started",
    };

    public static string StateTag(SectionState s) => s switch
    {
        SectionState.Done => "nhsuk-tag--green",
        SectionState.Started => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };

    public string SectionHref(SectionDef def) =>
        def.Key == PlanStructure.Goals ? "/plans/wellbeing/goals" : $"/plans/{Slug}/{def.Key}";
}

public sealed class IndexModel(PersonAccess access, PlanStore store) : PageModel
{
    public IReadOnlyList<PlanOverview> Plans { get; private set; } = [];

    /// <summary>Drafts staff wrote with the person before they had an account, waiting to be confirmed.</summary>
    public int WrittenTogether { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.OwnerAsync(SharedPart.StayingWellPlan, "plans.overview", ct);
        if (me is null)
        {
            return NotFound();
        }
        var list = new List<PlanOverview>();
        var pending = await store.PendingAsync(me.Id, ct);
        var sections = await store.LoadAllAsync(me.Id, ct);
        foreach (var kind in new[] { PlanKind.StayingWell, PlanKind.Wellbeing })
        {
            list.Add(new PlanOverview(kind, PlanStructure.Slug(kind), await store.TitleAsync(me.Id, kind, ct), sections[kind])
            {
                Pending = pending.Where(p => p.Kind == kind).ToDictionary(p => p.Key),
            });
        }
        Plans = list;
        WrittenTogether = pending.Sum(p => p.WrittenTogether);
        return Page();
    }
}

public sealed class PlanModel(PersonAccess access, PlanStore store) : PageModel
{
    public PlanOverview Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k)
        {
            return NotFound();
        }
        var me = await access.OwnerAsync(k == PlanKind.StayingWell ? SharedPart.StayingWellPlan : SharedPart.WellbeingPlan, "plans.plan.read", ct);
        if (me is null)
        {
            return NotFound();
        }
        Plan = new PlanOverview(k, kind, await store.TitleAsync(me.Id, k, ct), await store.LoadAsync(me.Id, k, ct))
        {
            Pending = (await store.PendingAsync(me.Id, ct)).Where(p => p.Kind == k).ToDictionary(p => p.Key),
        };
        return Page();
    }
}
