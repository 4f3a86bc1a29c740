namespace LivingBetter.Web.Model;

/// <summary>
/// The person whose plans these are. Usually linked to their own account; staff may start a record
/// with the person before they have one (it stays unclaimed until the person accepts an invitation).
/// A person belongs to no organisation: organisations only support them, through teams.
/// </summary>
public sealed class Person
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public AppUser? User { get; set; }
    public string PreferredName { get; set; } = "";

    /// <summary>Used only for age bands in anonymised reports.</summary>
    public int? BirthYear { get; set; }
    public string? Gender { get; set; }
    public string? Ethnicity { get; set; }

    /// <summary>The person has said no to being counted in organisation reports.</summary>
    public bool OptedOutOfReporting { get; set; }

    /// <summary>Set when staff started the record with the person; cleared once the person claims it.</summary>
    public Guid? StartedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<CareEpisode> CareEpisodes { get; set; } = [];
}

/// <summary>A period during which a team supports a person. Reports count the person for that team's organisation only while it is open.</summary>
public sealed class CareEpisode
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public Guid? CareCoordinatorUserId { get; set; }
    public AppUser? CareCoordinator { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>Someone the person has chosen to support them (family, friend, peer).</summary>
public sealed class SupporterLink
{
    public const int RelationshipMaxLength = 60;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid SupporterUserId { get; set; }
    public AppUser? Supporter { get; set; }
    public string Relationship { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
