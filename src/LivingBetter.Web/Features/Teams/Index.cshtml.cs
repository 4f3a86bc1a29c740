using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Teams;

public sealed class IndexModel(TeamAccess access) : PageModel
{
    public List<Team> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Teams = await access.MyTeamsAsync(ct);
}
