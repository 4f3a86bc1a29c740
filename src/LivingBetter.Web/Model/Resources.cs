namespace LivingBetter.Web.Model;

public enum ResourceCategory
{
    Club,
    Society,
    CommunityGroup,
    VoluntarySector,
    Employment,
    Housing,
    MoneyAdvice,
    PeerSupport,
}

/// <summary>A group or service in the community that people can be signposted to.</summary>
public sealed class CommunityResource
{
    public const int NameMaxLength = 150;
    public const int TextMaxLength = 2000;
    public const int ContactMaxLength = 300;
    public const int WebsiteMaxLength = 300;

    public Guid Id { get; set; }

    /// <summary>Null for a resource shared by every organisation.</summary>
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? LocalityId { get; set; }
    public Locality? Locality { get; set; }
    public ResourceCategory Category { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string WhoItSuits { get; set; } = "";
    public string HowToGetThere { get; set; } = "";
    public string Contact { get; set; } = "";
    public string Website { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Set when an administrator retires the entry: it leaves search and the directory, but people who
    /// linked it keep it in their plan, marked as no longer listed. Clearing it lists the entry again.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Concurrency token bumped by every change an administrator saves, so two editors never silently overwrite each other.</summary>
    public int Version { get; set; }

    public List<ResourceNote> Notes { get; set; } = [];
}

public enum ResourceProposalStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>
/// A new directory entry proposed by a member of staff (a group they know about). It waits in the
/// organisation's queue until an administrator approves it (it becomes a listed <see cref="CommunityResource"/>)
/// or declines it with a reason the proposer sees.
/// </summary>
public sealed class ResourceProposal
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid ProposedByUserId { get; set; }
    public AppUser? ProposedBy { get; set; }
    public Guid? LocalityId { get; set; }
    public Locality? Locality { get; set; }
    public ResourceCategory Category { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string WhoItSuits { get; set; } = "";
    public string HowToGetThere { get; set; } = "";
    public string Contact { get; set; } = "";
    public string Website { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }

    /// <summary>Also the concurrency token: only a pending proposal can be decided, once.</summary>
    public ResourceProposalStatus Status { get; set; }
    public string DeclineReason { get; set; } = "";
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The directory entry made when it was approved.</summary>
    public Guid? ResourceId { get; set; }
    public CommunityResource? Resource { get; set; }
}

/// <summary>"What it's really like", from someone who went. Shown once posted; an administrator can hide it.</summary>
public sealed class ResourceNote
{
    public const int TextMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid ResourceId { get; set; }
    public CommunityResource? Resource { get; set; }
    public Guid AuthorUserId { get; set; }
    public AppUser? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public bool Hidden { get; set; }
    public Guid? HiddenByUserId { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
}

public enum ResourceLinkStatus
{
    /// <summary>In the person's wellbeing plan's community resources.</summary>
    Linked,
    /// <summary>Suggested by staff; waiting for the person to say yes or no.</summary>
    Suggested,
    Declined,
}

/// <summary>A community resource in a person's wellbeing plan, or suggested for it.</summary>
public sealed class ResourceLink
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid ResourceId { get; set; }
    public CommunityResource? Resource { get; set; }
    public ResourceLinkStatus Status { get; set; }
    public string Note { get; set; } = "";
    public Guid? SuggestedByUserId { get; set; }
    public AppUser? SuggestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
}
