using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Plans;

public sealed class PrintModel(PersonAccess access, PlanStore store, TimeProvider time) : PageModel
{
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset PrintedAt { get; private set; }
    public IReadOnlyList<PdfSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k
            || await access.OwnerAsync(k == PlanKind.StayingWell ? SharedPart.StayingWellPlan : SharedPart.WellbeingPlan, "plans.print", ct) is not { } me)
        {
            return NotFound();
        }
        Slug = kind;
        Title = await store.TitleAsync(me.Id, k, ct);
        Name = me.PreferredName;
        PrintedAt = time.GetUtcNow();
        var goals = await store.GoalsAsync(me.Id, ct);
        Sections = (await store.LoadAsync(me.Id, k, ct)).Select(s => new PdfSection(s.Def.Title, SectionContent.Describe(s.Def, s.Content, goals))).ToList();
        return Page();
    }
}
