namespace LivingBetter.Web.Model;

public enum PlanKind
{
    StayingWell,
    Wellbeing,
}

public enum SectionState
{
    NotStarted,
    Started,
    Done,
}

/// <summary>A person's plan. The person owns it; nobody else can change their words.</summary>
public sealed class Plan
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public PlanKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<PlanSection> Sections { get; set; } = [];
}

/// <summary>
/// One section of a plan, saved on its own. <see cref="Version"/> is the concurrency token: a save
/// based on an older version is refused so that nobody's words are silently overwritten.
/// </summary>
public sealed class PlanSection
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Plan? Plan { get; set; }
    public string Key { get; set; } = "";
    public SectionState State { get; set; }
    public int Version { get; set; }

    /// <summary>The section's content as JSON in the shape its feature defines.</summary>
    public string Content { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public List<PlanSectionVersion> Versions { get; set; } = [];
}

/// <summary>Every save of a section is kept, so the person can see, compare and restore earlier words.</summary>
public sealed class PlanSectionVersion
{
    public Guid Id { get; set; }
    public Guid SectionId { get; set; }
    public PlanSection? Section { get; set; }
    public int Number { get; set; }
    public string Content { get; set; } = "{}";
    public Guid AuthorUserId { get; set; }
    public Guid? SuggestedByUserId { get; set; }

    /// <summary>Why this version exists, in words: "Saved", "Restored version 3", "Post-crisis review".</summary>
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
