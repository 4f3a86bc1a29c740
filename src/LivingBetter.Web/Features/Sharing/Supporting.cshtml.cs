using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Sharing;

public sealed class SupportingModel(SharedWithMe shared) : PageModel
{
    public IReadOnlyList<SharedWithMe.PersonRow> People { get; private set; } = [];

    public bool Accepted { get; private set; }

    public async Task OnGetAsync(bool accepted, CancellationToken ct)
    {
        Accepted = accepted;
        People = await shared.SupportedAsync(ct);
    }
}
