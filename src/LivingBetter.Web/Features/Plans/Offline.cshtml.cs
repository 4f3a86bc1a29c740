using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Plans;

/// <summary>The person's choice to keep a copy of their crisis plan on this device, with what that means.</summary>
public sealed class OfflineSettingsModel(PersonAccess access, PlanStore store) : PageModel
{
    public bool On { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.CrisisPlan, "plans.offline.settings", ct) is not { } me)
        {
            return NotFound();
        }
        On = await store.OfflineCopyAsync(me.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool keep, CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.CrisisPlan, keep ? "plans.offline.on" : "plans.offline.off", ct) is not { } me)
        {
            return NotFound();
        }
        await store.SetOfflineCopyAsync(me.Id, keep, ct);
        return Redirect("/plans/crisis/offline-settings");
    }
}

/// <summary>
/// The page the service worker keeps on the device. Only the owner who opted in ever gets it; anyone
/// else gets 404, which also tells the service worker to delete any copy it holds.
/// </summary>
public sealed class OfflineModel(PersonAccess access, PlanStore store, TimeProvider time) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<FieldText> Text { get; private set; } = [];
    public DateTimeOffset At { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.CrisisPlan, "plans.offline.read", ct) is not { } me || !await store.OfflineCopyAsync(me.Id, ct))
        {
            return NotFound();
        }
        var def = PlanStructure.Find(PlanKind.StayingWell, PlanStructure.Crisis)!;
        var crisis = await store.LoadSectionAsync(me.Id, def, ct);
        Name = me.PreferredName;
        Text = SectionContent.Describe(def, crisis.Content, null);
        At = time.GetUtcNow();
        return Page();
    }
}
