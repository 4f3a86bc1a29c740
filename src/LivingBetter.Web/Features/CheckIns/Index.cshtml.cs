using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.CheckIns;

public sealed class IndexModel(PersonAccess access, CheckInService checkIns) : PageModel
{
    public PersonAccessGrant Grant { get; private set; } = null!;
    public string Base { get; private set; } = "";
    public IReadOnlyList<CheckInView> History { get; private set; } = [];
    public DueState Due { get; private set; } = null!;
    public WheelSettings Settings { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? personId, CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, personId, AccessLevel.View, "checkins.history.view", ct);
        if (grant is null)
        {
            return NotFound();
        }
        Grant = grant;
        Base = CheckInsSetup.BasePath(grant);
        History = (await checkIns.HistoryAsync(grant.Person.Id, ct)).Reverse().ToList();
        Due = await checkIns.DueAsync(grant.Person.Id, ct);
        Settings = await checkIns.SettingsForAsync(grant.Person.Id, ct);
        return Page();
    }
}
