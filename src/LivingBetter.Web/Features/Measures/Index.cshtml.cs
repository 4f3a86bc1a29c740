using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

public sealed class IndexModel(PersonAccess access, MeasureService measures) : PageModel
{
    /// <summary>Measures the person may fill in now, and their results of any measure (also ones no longer offered).</summary>
    public IReadOnlyList<MeasureDefinition> Available { get; private set; } = [];
    public IReadOnlyList<MeasureHistory> Histories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null || await access.RequireAsync(me.Id, SharedPart.CheckIns, AccessLevel.Owner, "measures.view", ct) is null)
        {
            return NotFound();
        }
        Available = await measures.AvailableTo(me.Id).OrderBy(m => m.Title).ToListAsync(ct);
        Histories = await measures.HistoryAsync(me.Id, ct);
        return Page();
    }
}
