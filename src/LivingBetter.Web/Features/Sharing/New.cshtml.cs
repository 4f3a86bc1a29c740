using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

public sealed class NewModel(PersonAccess access, SharingService sharing, LivingBetterDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public ShareInput Input { get; set; } = new();

    public IReadOnlyList<GranteeOption> Options { get; private set; } = [];

    public IEnumerable<SelectListItem> GranteeItems =>
        new[] { new SelectListItem("Choose someone", "") }.Concat(Options.Select(o => new SelectListItem(o.Text, o.Value)));

    public static IReadOnlyList<SharedPart> Parts { get; } = Enum.GetValues<SharedPart>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return NotFound();
        }
        Options = await sharing.GranteeOptionsAsync(me.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return NotFound();
        }
        Options = await sharing.GranteeOptionsAsync(me.Id, ct);

        GranteeOption? grantee = null;
        if (!string.IsNullOrWhiteSpace(Input.Email))
        {
            var email = Input.Email.Trim().ToUpperInvariant();
            var supporterId = await db.SupporterLinks
                .Where(l => l.PersonId == me.Id && l.EndedAt == null && l.Supporter!.NormalizedEmail == email)
                .Select(l => (Guid?)l.SupporterUserId).FirstOrDefaultAsync(ct);
            grantee = Options.FirstOrDefault(o => o.UserId == supporterId && supporterId != null);
            if (grantee is null)
            {
                ModelState.AddModelError("Input.Email", "None of your supporters has that email address. Invite them as a supporter first, then share with them");
            }
        }
        else if (string.IsNullOrEmpty(Input.Grantee))
        {
            ModelState.AddModelError("Input.Grantee", "Choose who you want to share with");
        }
        else
        {
            grantee = Options.FirstOrDefault(o => o.Value == Input.Grantee);
            if (grantee is null)
            {
                ModelState.AddModelError("Input.Grantee", "Choose who you want to share with from the list");
            }
        }

        var part = ParseName<SharedPart>(Input.Part);
        if (part is null)
        {
            ModelState.AddModelError("Input.Part", "Choose which part you want to share");
        }
        var shareAccess = ParseName<ShareAccess>(Input.Access);
        if (shareAccess is null)
        {
            ModelState.AddModelError("Input.Access", "Choose whether they can only see it or also suggest changes");
        }

        DateTimeOffset? expiresAt = null;
        if (!string.IsNullOrWhiteSpace(Input.EndDate))
        {
            if (!DateOnly.TryParseExact(Input.EndDate.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d M yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                ModelState.AddModelError("Input.EndDate", "End date must be a real date, like 1/3/2027");
            }
            else
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                if (end < today)
                {
                    ModelState.AddModelError("Input.EndDate", "End date must be today or in the future");
                }
                else
                {
                    // Sharing lasts to the end of the chosen day.
                    expiresAt = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                }
            }
        }

        if (!ModelState.IsValid || grantee is null || part is null || shareAccess is null)
        {
            return Page();
        }
        await sharing.ShareAsync(me.Id, grantee, part.Value, shareAccess.Value, expiresAt, ct);
        return Redirect("/sharing?done=shared");
    }

    // Names only: a number would parse to an undefined enum value.
    private static T? ParseName<T>(string? value) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => n == value) is { } name ? Enum.Parse<T>(name) : null;
}

public sealed class ShareInput
{
    public string? Grantee { get; set; }

    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string? Email { get; set; }

    [StringLength(30)]
    public string? Part { get; set; }

    [StringLength(30)]
    public string? Access { get; set; }

    [StringLength(20, ErrorMessage = "End date must be a real date, like 1/3/2027")]
    public string? EndDate { get; set; }
}
