using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation;

/// <summary>
/// The organisations the signed-in person administers right now. The OrgAdmin role alone is not
/// enough: the role says what kind of user someone is, the membership says where, and an ended or
/// demoted membership must stop access even while an old cookie still carries the role.
/// </summary>
public sealed class AdminScope(LivingBetterDbContext db, CurrentUser current)
{
    public IReadOnlyList<Guid> OrganisationIds { get; private set; } = [];

    /// <summary>The organisation the list and add pages work on.</summary>
    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = "";

    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        // A token limited to one record or to some parts reaches no organisation's administration.
        if (current.Id is not { } userId || current.TokenScope.IsNarrow)
        {
            return false;
        }
        var orgs = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsAdministrator && m.LeftAt == null)
            .Select(m => new { m.OrganisationId, m.Organisation!.Name })
            .ToListAsync(ct);
        if (orgs.Count == 0)
        {
            return false;
        }
        // Administering several organisations is rare; until there is a way to switch, lists work on
        // the first by name, while pages reached by id check against all of them.
        var first = orgs.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).First();
        OrganisationIds = orgs.Select(o => o.OrganisationId).ToList();
        OrganisationId = first.OrganisationId;
        OrganisationName = first.Name;
        return true;
    }

    public bool Administers(Guid organisationId) => OrganisationIds.Contains(organisationId);
}

/// <summary>
/// Every organisation admin page derives from this, so none can forget the check. Anyone who is not
/// an administrator gets "page not found", exactly as for a page that does not exist.
/// </summary>
[Authorize(Roles = Roles.OrgAdmin)]
public abstract class OrganisationAdminPageModel : PageModel
{
    protected AdminScope Scope { get; private set; } = null!;

    public string OrganisationName => Scope.OrganisationName;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // A POST to a page that only reads would otherwise render with nothing loaded.
        if (context.HandlerMethod is null)
        {
            context.Result = NotFound();
            return;
        }
        Scope = HttpContext.RequestServices.GetRequiredService<AdminScope>();
        if (!await Scope.LoadAsync(HttpContext.RequestAborted))
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }

    /// <summary>Swaps the framework's "The value 'x' is not valid" for a message that names the field.</summary>
    protected void ReplaceBindingError(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.Exception is not null || e.ErrorMessage.StartsWith("The value", StringComparison.Ordinal)))
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }

    /// <summary>Spaces at either end cannot be seen on screen, so they must never make two names differ.</summary>
    /// <remarks>Control characters are never typed on purpose and break exports, so they go too.</remarks>
    public static string Tidy(string? text) => new string((text ?? "").Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
}
