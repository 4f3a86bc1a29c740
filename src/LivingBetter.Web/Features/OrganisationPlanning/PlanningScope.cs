using System.Globalization;
using System.Text.RegularExpressions;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.OrganisationPlanning;

/// <summary>
/// The organisation whose planning pages the signed-in administrator works on. The OrgAdmin role
/// says what kind of user someone is; only a current administrator membership says where, so an
/// ended membership stops access even while an old cookie still carries the role.
/// </summary>
public sealed class PlanningScope(LivingBetterDbContext db, CurrentUser current)
{
    public Guid OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";

    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (current.Id is not { } userId)
        {
            return false;
        }
        // Administering several organisations is rare and has no switcher yet: work on the first by name.
        var org = (await db.StaffMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.IsAdministrator && m.LeftAt == null)
                .Select(m => new { m.OrganisationId, m.Organisation!.Name })
                .ToListAsync(ct))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        if (org is null)
        {
            return false;
        }
        OrganisationId = org.OrganisationId;
        OrganisationName = org.Name;
        return true;
    }
}

/// <summary>
/// Every organisation planning page derives from this, so none can forget the check. Anyone who is
/// not an administrator of an organisation gets "page not found", as for a page that does not exist.
/// </summary>
[Authorize(Roles = Roles.OrgAdmin)]
public abstract partial class PlanningPageModel : PageModel
{
    protected PlanningScope Scope { get; private set; } = null!;

    public string OrganisationName => Scope.OrganisationName;

    protected Guid OrganisationId => Scope.OrganisationId;

    protected DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Today's date in UTC, the day against which "overdue" and "in the future" are judged.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Scope = HttpContext.RequestServices.GetRequiredService<PlanningScope>();
        if (!await Scope.LoadAsync(HttpContext.RequestAborted))
        {
            context.Result = NotFound();
            return;
        }
        ReplaceBindingErrors();
        await next();
    }

    /// <summary>
    /// Model binding's own message ("The value 'x' is not valid for Y") names neither the field in
    /// plain words nor what to do; swap it for one that does.
    /// </summary>
    private void ReplaceBindingErrors()
    {
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Any(e => e.Exception is not null || e.ErrorMessage.StartsWith("The value", StringComparison.Ordinal)
                || e.ErrorMessage.StartsWith("The field", StringComparison.Ordinal)))
            {
                entry.Errors.Clear();
                entry.Errors.Add($"Enter a valid {Humanise(key)}");
            }
        }
    }

    private static string Humanise(string key)
    {
        var last = key[(key.LastIndexOf('.') + 1)..];
        last = IndexSuffix().Replace(last, "");
        return Words().Replace(last, " $1").Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex IndexSuffix();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();

    /// <summary>
    /// Spaces at either end cannot be seen on screen, and control characters other than line breaks
    /// and tabs are never meant (PostgreSQL refuses a NUL in text), so neither is stored.
    /// </summary>
    public static string Tidy(string? text)
    {
        var value = (text ?? "").Trim();
        return value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? new string(value.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim()
            : value;
    }

    /// <summary>Reads a date typed as 2026-11-24 (what a date picker sends) or 24/11/2026.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(Tidy(text), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d M yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= 2000 and <= 2100;

    public static DateTimeOffset AtMidnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string DateValue(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}
