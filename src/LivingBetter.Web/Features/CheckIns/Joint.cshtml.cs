using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>
/// A worker adds their own view beside the person's latest check-in. The person's ratings stay the
/// person's: the worker fills only their own column, so the two are shown side by side, never merged.
/// </summary>
public sealed class JointModel(PersonAccess access, CheckInService checkIns, LivingBetterDbContext db, CurrentUser current, TimeProvider time) : PageModel
{
    [BindProperty]
    public List<WorkerField> Ratings { get; set; } = [];

    public sealed class WorkerField
    {
        public string? Domain { get; set; }
        public string? Value { get; set; }
    }

    public PersonAccessGrant Grant { get; private set; } = null!;
    public WheelSettings Settings { get; private set; } = null!;
    public CheckInView? Latest { get; private set; }
    public bool TakenByAnother { get; private set; }

    private async Task<bool> LoadAsync(Guid personId, string action, CancellationToken ct)
    {
        var grant = await access.RequireAsync(personId, Model.SharedPart.CheckIns, AccessLevel.Suggest, action, ct);
        if (grant is null || grant.IsOwner)
        {
            return false;
        }
        Grant = grant;
        Settings = await checkIns.SettingsForAsync(personId, ct);
        var history = await checkIns.HistoryAsync(personId, ct);
        Latest = history.Count == 0 ? null : history[^1];
        if (Latest is not null)
        {
            var workerId = await db.CheckIns.Where(c => c.Id == Latest.Id).Select(c => c.WorkerUserId).FirstAsync(ct);
            TakenByAnother = workerId is { } w && w != current.RequiredId;
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "checkins.joint.view", ct))
        {
            return NotFound();
        }
        Ratings = Latest?.Ratings.Select(r => new WorkerField { Domain = r.DomainKey, Value = r.WorkerRating?.ToString(CultureInfo.InvariantCulture) }).ToList() ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, "checkins.joint.save", ct))
        {
            return NotFound();
        }
        if (Latest is null || TakenByAnother)
        {
            return Page();
        }
        var checkIn = await db.CheckIns.Include(c => c.Ratings).ThenInclude(r => r.Domain).FirstAsync(c => c.Id == Latest.Id, ct);
        var values = new Dictionary<Guid, int?>();
        for (var i = 0; i < Ratings.Count; i++)
        {
            var field = Ratings[i];
            var rating = checkIn.Ratings.FirstOrDefault(r => string.Equals(r.Domain!.Key, field.Domain, StringComparison.OrdinalIgnoreCase));
            var key = $"Ratings[{i}].Value";
            if (rating is null)
            {
                ModelState.AddModelError(key, $"'{field.Domain}' is not a part of life in this check-in");
                continue;
            }
            if (string.IsNullOrWhiteSpace(field.Value))
            {
                values[rating.Id] = null;
            }
            else if (int.TryParse(field.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= checkIn.ScaleMin && n <= checkIn.ScaleMax)
            {
                values[rating.Id] = n;
            }
            else
            {
                ModelState.AddModelError(key, $"Your rating for {rating.Domain!.Name} must be a whole number from {checkIn.ScaleMin} to {checkIn.ScaleMax}");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        foreach (var rating in checkIn.Ratings)
        {
            if (values.TryGetValue(rating.Id, out var v))
            {
                rating.WorkerRating = v;
            }
        }
        checkIn.WorkerUserId = values.Values.Any(v => v is not null) ? current.RequiredId : null;
        checkIn.WorkerRatedAt = checkIn.WorkerUserId is null ? null : time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Redirect($"/people/{personId}/check-ins/progress");
    }
}
