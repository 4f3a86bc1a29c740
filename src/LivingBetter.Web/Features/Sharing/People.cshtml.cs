using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>Staff see the people their teams support: a name and what each has shared, nothing else.</summary>
public sealed class PeopleModel(SharedWithMe shared, CurrentUser current) : PageModel
{
    public IReadOnlyList<SharedWithMe.PersonRow> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!current.IsStaff)
        {
            return NotFound();
        }
        People = await shared.CaseloadAsync(ct);
        return Page();
    }
}
