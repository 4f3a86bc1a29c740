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
        new("Organisation", "/organisation", u => u.IsInRole(Roles.OrgAdmin)),
        new("Organisation planning", "/organisation-planning", u => u.IsInRole(Roles.OrgAdmin)),
        new("Account and security", "/account/security", u => u.IsSignedIn),
    ];

    public static IEnumerable<NavItem> For(CurrentUser user) => Items.Where(i => i.IsFor(user));

    public static bool IsCurrent(NavItem item, PathString path) =>
        item.Href == "/" ? path == "/" : path.StartsWithSegments(item.Href, StringComparison.OrdinalIgnoreCase);
}
