using System.Security.Claims;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LivingBetter.Web.Auth;

/// <summary>
/// Adds the display name so the layout can greet someone without a database read, and whether they
/// have an organisation planning role so the menu can offer the pages (the pages themselves check the
/// current membership and roles on every request).
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager, RoleManager<AppRole> roleManager, IOptions<IdentityOptions> options, LivingBetterDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LivingBetterClaims.DisplayName, user.DisplayName));
        if (await PlanningScope.AnyAsync(db, user.Id, CancellationToken.None))
        {
            identity.AddClaim(new Claim(LivingBetterClaims.OrganisationPlanning, "true"));
        }
        return identity;
    }
}
