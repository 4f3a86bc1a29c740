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

/// <summary>What a program holding an API token may do, always as the account that made it.</summary>
public enum ApiTokenAccess
{
    /// <summary>Read only: GET and HEAD on the FHIR and JSON APIs.</summary>
    Read,

    /// <summary>Read, and send what the account may send (check-ins, completed measures, imports).</summary>
    ReadWrite,
}

/// <summary>
/// A secret a program sends as <c>Authorization: Bearer …</c> to use the FHIR and JSON APIs as the account that
/// made it, through the same access decisions and access log as that account's own pages (ADR 0013, amended
/// 2026-12-07). Only a hash of the secret is kept. A token ends when revoked, when it expires, and when the
/// account's security stamp changes (a new password, two-factor sign-in turned on or off, a new authenticator).
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 80;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }

    /// <summary>The account holder's own words for which program holds it.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the whole secret, lower-case hex. The secret itself is shown once and never stored.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The secret's last four characters, so the holder can tell tokens apart.</summary>
    public string Hint { get; set; } = "";

    public ApiTokenAccess Access { get; set; }

    /// <summary>The one person's record it may reach, or null for every record the account may see.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The parts it may reach (<c>TokenScope.Format</c>), or null for every part.</summary>
    public string? Parts { get; set; }

    /// <summary>The account's security stamp when the token was made; a different stamp now means the token has ended.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Made in a session signed in with a second factor (required of staff, ADR 0003).</summary>
    public bool MadeWithSecondFactor { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
