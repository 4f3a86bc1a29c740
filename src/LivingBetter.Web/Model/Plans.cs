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

    /// <summary>The person chose to keep a copy of their crisis plan on their device for use offline.</summary>
    public bool OfflineCopy { get; set; }
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

/// <summary>
/// A member of staff's own view, recorded beside a section of a person's plan. It never changes the
/// person's words; it is shown to them, clearly labelled as a professional view.
/// </summary>
public sealed class ProfessionalNote
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid SectionId { get; set; }
    public PlanSection? Section { get; set; }
    public Guid AuthorUserId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum SuggestionStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// A change someone with Suggest access proposes to a section. It only becomes the person's words if
/// the person accepts it; the new version is then attributed to the person, "suggested by" the proposer.
/// </summary>
public sealed class SectionSuggestion
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid SectionId { get; set; }
    public PlanSection? Section { get; set; }
    public Guid SuggestedByUserId { get; set; }

    /// <summary>The section version the proposal was written against.</summary>
    public int BaseVersion { get; set; }

    /// <summary>The whole proposed content, in the section's JSON shape.</summary>
    public string Content { get; set; } = "{}";
    public string Note { get; set; } = "";

    /// <summary>
    /// Written with the person by staff before the person had an account (their wellbeing plan only):
    /// shown as "written together with" the author, and a draft until the person confirms it.
    /// </summary>
    public bool WrittenTogether { get; set; }
    public SuggestionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
