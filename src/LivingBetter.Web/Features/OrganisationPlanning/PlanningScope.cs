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

/// <summary>Who may use an organisation planning page (ADR 0018). Administrators may always.</summary>
[Flags]
public enum PlanningRoles
{
    Administrator = 1,
    BoardMember = 2,
    DivisionLead = 4,
    Everyone = Administrator | BoardMember | DivisionLead,
}

/// <summary>
/// Which organisation roles may read (GET) and which may change (POST) a planning page. A page without
/// it is for administrators only, so a new page is closed until someone decides otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PlanningAccessAttribute(PlanningRoles read, PlanningRoles change = PlanningRoles.Administrator) : Attribute
{
    public PlanningRoles Read { get; } = read | PlanningRoles.Administrator;
    public PlanningRoles Change { get; } = change | PlanningRoles.Administrator;
}

/// <summary>
/// The organisation whose planning pages the signed-in user works on, and what they may do there: an
/// administrator everything, a board member read the whole organisation, a division lead work on their
/// own divisions. Roles say what kind of user someone is; only a current staff membership says where,
/// so an ended membership stops access (and ends every organisation role) even while an old cookie
/// still carries a role.
/// </summary>
public sealed class PlanningScope(LivingBetterDbContext db, CurrentUser current)
{
    public Guid OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public PlanningRoles Roles { get; private set; }

    /// <summary>The divisions a division lead leads (empty for anyone else).</summary>
    public IReadOnlySet<Guid> LeadDivisionIds { get; private set; } = new HashSet<Guid>();

    /// <summary>The teams of those divisions.</summary>
    public IReadOnlySet<Guid> LeadTeamIds { get; private set; } = new HashSet<Guid>();

    public bool IsAdministrator => Roles.HasFlag(PlanningRoles.Administrator);
    public bool IsBoardMember => Roles.HasFlag(PlanningRoles.BoardMember);
    public bool IsDivisionLead => Roles.HasFlag(PlanningRoles.DivisionLead);

    /// <summary>Administrators and board members see every division; a division lead only their own.</summary>
    public bool SeesWholeOrganisation => IsAdministrator || IsBoardMember;

    public bool Has(PlanningRoles any) => (Roles & any) != 0;

    /// <summary>May see a division's planning (null: the organisation as a whole).</summary>
    public bool MayRead(Guid? divisionId) => SeesWholeOrganisation || (divisionId is { } d && LeadDivisionIds.Contains(d));

    /// <summary>May change a division's plan, actions and audits: administrators, and that division's leads.</summary>
    public bool MayChange(Guid? divisionId) => IsAdministrator || (divisionId is { } d && LeadDivisionIds.Contains(d));

    /// <summary>May see a team's figures: anyone who sees the whole organisation, or a lead of the team's division.</summary>
    public bool MayReadTeam(Guid teamId) => SeesWholeOrganisation || LeadTeamIds.Contains(teamId);

    /// <summary>
    /// May run a self-assessment round: the board owns the organisation-wide one, a division lead their
    /// division's, an administrator any.
    /// </summary>
    public bool MaySelfAssess(Guid? divisionId) => MayChange(divisionId) || (divisionId is null && IsBoardMember);

    /// <summary>May see something drawn from the whole organisation (both null), one division or one team.</summary>
    public bool MayReadGroup(Guid? divisionId, Guid? teamId) =>
        SeesWholeOrganisation || (teamId is { } t ? LeadTeamIds.Contains(t) : divisionId is { } d && LeadDivisionIds.Contains(d));

    /// <summary>May work on something drawn from the whole organisation, one division or one team (a care-plan audit).</summary>
    public bool MayChangeGroup(Guid? divisionId, Guid? teamId) =>
        IsAdministrator || (teamId is { } t ? LeadTeamIds.Contains(t) : divisionId is { } d && LeadDivisionIds.Contains(d));


    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (current.Id is not { } userId)
        {
            return false;
        }
        var memberships = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.LeftAt == null)
            .Select(m => new { m.Id, m.OrganisationId, m.Organisation!.Name, m.IsAdministrator })
            .ToListAsync(ct);
        if (memberships.Count == 0)
        {
            return false;
        }
        var ids = memberships.Select(m => m.Id).ToList();
        var roles = await db.Set<OrganisationRole>().AsNoTracking().Where(r => ids.Contains(r.StaffMembershipId))
            .Select(r => new { r.StaffMembershipId, r.Kind, r.DivisionId }).ToListAsync(ct);
        // Working in several organisations is rare and has no switcher yet: work on the first by name
        // among those where the user has any planning role.
        var chosen = memberships.Where(m => m.IsAdministrator || roles.Any(r => r.StaffMembershipId == m.Id))
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        if (chosen is null)
        {
            return false;
        }
        var mine = roles.Where(r => r.StaffMembershipId == chosen.Id).ToList();
        Roles = (chosen.IsAdministrator ? PlanningRoles.Administrator : 0)
            | (mine.Any(r => r.Kind == OrganisationRoleKind.BoardMember) ? PlanningRoles.BoardMember : 0)
            | (mine.Any(r => r.Kind == OrganisationRoleKind.DivisionLead) ? PlanningRoles.DivisionLead : 0);
        var divisions = mine.Where(r => r.Kind == OrganisationRoleKind.DivisionLead && r.DivisionId is not null).Select(r => r.DivisionId!.Value).ToHashSet();
        LeadDivisionIds = divisions;
        LeadTeamIds = divisions.Count == 0 ? new HashSet<Guid>()
            : (await db.Teams.AsNoTracking().Where(t => t.OrganisationId == chosen.OrganisationId && t.DivisionId != null && divisions.Contains(t.DivisionId.Value))
                .Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        OrganisationId = chosen.OrganisationId;
        OrganisationName = chosen.Name;
        return true;
    }

    /// <summary>Whether the user has any organisation planning role anywhere now (for the menu).</summary>
    public static Task<bool> AnyAsync(LivingBetterDbContext db, Guid userId, CancellationToken ct) =>
        db.StaffMemberships.AnyAsync(m => m.UserId == userId && m.LeftAt == null
            && (m.IsAdministrator || db.Set<OrganisationRole>().Any(r => r.StaffMembershipId == m.Id)), ct);
}

/// <summary>
/// Every organisation planning page derives from this, so none can forget the check. The page's
/// <see cref="PlanningAccessAttribute"/> says which roles may read it and which may change through it
/// (administrators only without one), and a <c>divisionId</c> in the route must be one the user may
/// read (GET) or change (POST). Anyone else gets "page not found", as for a page that does not exist.
/// </summary>
[Authorize]
public abstract partial class PlanningPageModel : PageModel
{
    protected PlanningScope Scope { get; private set; } = null!;

    public string OrganisationName => Scope.OrganisationName;

    /// <summary>For views: what the signed-in user may do here.</summary>
    public PlanningScope Access => Scope;

    protected Guid OrganisationId => Scope.OrganisationId;

    protected DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Today's date in UTC, the day against which "overdue" and "in the future" are judged.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Scope = HttpContext.RequestServices.GetRequiredService<PlanningScope>();
        if (!await Scope.LoadAsync(HttpContext.RequestAborted) || !Allowed(context))
        {
            context.Result = NotFound();
            return;
        }
        ReplaceBindingErrors();
        await next();
    }

    private bool Allowed(PageHandlerExecutingContext context)
    {
        var reading = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        var access = GetType().GetCustomAttributes(typeof(PlanningAccessAttribute), false).OfType<PlanningAccessAttribute>().FirstOrDefault();
        var roles = access is null ? PlanningRoles.Administrator : reading ? access.Read : access.Change;
        if (!Scope.Has(roles))
        {
            return false;
        }
        if (context.RouteData.Values.TryGetValue("divisionId", out var raw) && raw is not null)
        {
            if (!Guid.TryParse(raw.ToString(), out var divisionId))
            {
                return false;
            }
            return reading ? Scope.MayRead(divisionId) : Scope.MayChange(divisionId);
        }
        return true;
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
