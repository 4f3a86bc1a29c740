namespace LivingBetter.Web.Model;

/// <summary>The parts of a person's record that can be shared separately.</summary>
public enum SharedPart
{
    CrisisPlan,
    StayingWellPlan,
    WellbeingPlan,
    CheckIns,
}

public enum ShareAccess
{
    View,
    Suggest,
}

/// <summary>
/// The person's permission for one grantee (a user or a whole team) to see one part. Checked on every
/// request, never cached, so withdrawal takes effect at once.
/// </summary>
public sealed class SharingGrant
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid? GranteeUserId { get; set; }
    public AppUser? GranteeUser { get; set; }
    public Guid? GranteeTeamId { get; set; }
    public Team? GranteeTeam { get; set; }
    public SharedPart Part { get; set; }
    public ShareAccess Access { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    public bool IsCurrent(DateTimeOffset now) =>
        WithdrawnAt is null && (ExpiresAt is null || ExpiresAt > now);
}

public enum InvitationKind
{
    /// <summary>An organisation administrator invites a member of staff.</summary>
    Staff,
    /// <summary>A person invites a supporter.</summary>
    Supporter,
    /// <summary>Staff started a record with a person; the person claims it.</summary>
    ClaimRecord,
}

/// <summary>A single-use, expiring invitation. Only a hash of the token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public InvitationKind Kind { get; set; }
    public string TokenHash { get; set; } = "";
    public string? Email { get; set; }
    public Guid InvitedByUserId { get; set; }
    public Guid? OrganisationId { get; set; }
    public Guid? TeamId { get; set; }

    /// <summary>The role in <see cref="TeamId"/> a staff invitation gives (Staff or TeamLead); null for other kinds.</summary>
    public TeamRole? TeamRole { get; set; }
    public JobRole? JobRole { get; set; }
    public bool MakeAdministrator { get; set; }
    public Guid? PersonId { get; set; }
    public string? Relationship { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public Guid? UsedByUserId { get; set; }

    /// <summary>Withdrawn by staff before anyone used it.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
}
