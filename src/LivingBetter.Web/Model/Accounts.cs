using Microsoft.AspNetCore.Identity;

namespace LivingBetter.Web.Model;

/// <summary>A sign-in account. What the account may do comes from its memberships, not from here.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The last 30-second time step whose authenticator code was accepted, so that a code
    /// works once only even within its validity window.
    /// </summary>
    public long LastAuthenticatorTimeStep { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

/// <summary>Identity role names. Person and supporter describe relationships; staff roles come with an organisation membership.</summary>
public static class Roles
{
    public const string Person = "Person";
    public const string Supporter = "Supporter";
    public const string Staff = "Staff";
    public const string TeamLead = "TeamLead";
    public const string OrgAdmin = "OrgAdmin";

    public static readonly IReadOnlyList<string> All = [Person, Supporter, Staff, TeamLead, OrgAdmin];

    /// <summary>Fixed ids so the roles can be created by migrations on every provider.</summary>
    public static readonly IReadOnlyDictionary<string, Guid> Ids = new Dictionary<string, Guid>
    {
        [Person] = new("6c0a7f6e-0b0e-4d38-9a55-6f1f3c7d0001"),
        [Supporter] = new("6c0a7f6e-0b0e-4d38-9a55-6f1f3c7d0002"),
        [Staff] = new("6c0a7f6e-0b0e-4d38-9a55-6f1f3c7d0003"),
        [TeamLead] = new("6c0a7f6e-0b0e-4d38-9a55-6f1f3c7d0004"),
        [OrgAdmin] = new("6c0a7f6e-0b0e-4d38-9a55-6f1f3c7d0005"),
    };

    /// <summary>Roles whose members must use two-factor sign-in: they can see other people's data.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [Staff, TeamLead, OrgAdmin];
}
