using System.Security.Claims;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LivingBetter.Web.Auth;

/// <summary>Adds the display name so the layout can greet someone without a database read.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager, RoleManager<AppRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LivingBetterClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
