using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Shared;

public sealed record NavItem(string Text, string Href, Func<CurrentUser, bool> IsFor);

/// <summary>The header's menu. A feature adds its entry here when it has pages a role can use.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("Home", "/", u => u.IsSignedIn),
        new("My plans", "/plans", u => u.IsInRole(Roles.Person)),
        new("Check-ins", "/check-ins", u => u.IsInRole(Roles.Person)),
        new("Sharing", "/sharing", u => u.IsInRole(Roles.Person)),
        new("People I support", "/supporting", u => u.IsInRole(Roles.Supporter)),
        new("People", "/people", u => u.IsStaff),
        new("Overdue check-ins", "/check-ins/overdue", u => u.IsStaff),
        // Team plans are for staff and for people using the service who are members of a team plan; the page lists only their own teams.
        new("Team plans", "/teams", u => u.IsStaff || u.IsInRole(Roles.Person)),
        new("Recovery College", "/college", u => u.IsSignedIn),
        new("Community resources", "/resources", u => u.IsSignedIn),
        new("Organisation", "/organisation", u => u.IsInRole(Roles.OrgAdmin)),
        new("Measures", "/organisation/measures", u => u.IsInRole(Roles.OrgAdmin)),
        new("Organisation planning", "/organisation-planning", u => u.HasPlanningRole),
        new("Account and security", "/account/security", u => u.IsSignedIn),
    ];

    public static IEnumerable<NavItem> For(CurrentUser user) => Items.Where(i => i.IsFor(user));

    public static bool IsCurrent(NavItem item, PathString path) =>
        item.Href == "/" ? path == "/" : path.StartsWithSegments(item.Href, StringComparison.OrdinalIgnoreCase);
}
