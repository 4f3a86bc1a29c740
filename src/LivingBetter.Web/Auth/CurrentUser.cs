using System.Security.Claims;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Auth;

/// <summary>Who is asking, read from the signed-in principal of this request.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;

    public Guid? Id =>
        Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid RequiredId => Id ?? throw new InvalidOperationException("No one is signed in.");

    public string DisplayName => Principal?.FindFirstValue(LivingBetterClaims.DisplayName) ?? Principal?.Identity?.Name ?? "";

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    /// <summary>The name of the API token this request came with, or null for a session.</summary>
    public string? ApiTokenName => Principal?.FindFirstValue(LivingBetterClaims.ApiTokenName);

    /// <summary>How far the API token this request came with reaches; <see cref="TokenScope.Whole"/> for a session.</summary>
    public TokenScope TokenScope => TokenScope.Of(Principal);

    /// <summary>The most privileged role, as written in the access log.</summary>
    public string PrimaryRole =>
        !IsSignedIn ? "Anonymous"
        : IsInRole(Roles.OrgAdmin) ? Roles.OrgAdmin
        : IsInRole(Roles.TeamLead) ? Roles.TeamLead
        : IsInRole(Roles.Staff) ? Roles.Staff
        : IsInRole(Roles.Supporter) && !IsInRole(Roles.Person) ? Roles.Supporter
        : Roles.Person;

    /// <summary>Had an organisation planning role (administrator, board member, division lead) when they signed in.</summary>
    public bool HasPlanningRole => IsInRole(Roles.OrgAdmin) || Principal?.HasClaim(LivingBetterClaims.OrganisationPlanning, "true") == true;

    public bool IsStaff => IsInRole(Roles.Staff) || IsInRole(Roles.TeamLead) || IsInRole(Roles.OrgAdmin);
}

public static class LivingBetterClaims
{
    public const string DisplayName = "lb:name";
    public const string OrganisationPlanning = "lb:planning";
    /// <summary>The name of the API token a request came with (ApiTokenService puts it on the token's principal).</summary>
    public const string ApiTokenName = "lb:token-name";
    /// <summary>The one person's record an API token is limited to, when it is (see <see cref="TokenScope"/>).</summary>
    public const string TokenPerson = "lb:token-person";
    /// <summary>The parts an API token is limited to, when it is: <see cref="TokenScope.Format"/>.</summary>
    public const string TokenParts = "lb:token-parts";
}
