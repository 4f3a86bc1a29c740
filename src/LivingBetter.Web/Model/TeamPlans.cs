namespace LivingBetter.Web.Model;

/// <summary>Whose experience a team member brings to the plan. Staff and team leads bring a staff perspective.</summary>
public enum Perspective
{
    Staff,
    PersonUsingService,
    Carer,
}

/// <summary>
/// A team's Team Recovery Implementation Plan for one yearly cycle. The annual review closes a cycle
/// and starts the next, whose first benchmarking round is compared with the last round of this one.
/// </summary>
public sealed class TeamPlan
{
    public const int NotesMaxLength = 4000;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public int CycleYear { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public Guid StartedByUserId { get; set; }
    public Guid? PreviousPlanId { get; set; }

    /// <summary>Set by the annual review; a closed plan is read-only history.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string AnnualReviewNotes { get; set; } = "";
}

/// <summary>
/// A set of good-practice statements grouped by theme. OrganisationId null is the default shipped with
/// LivingBetter; an organisation edits by making a new version, so earlier rounds keep the wording they rated.
/// </summary>
public sealed class BenchmarkFramework
{
    public const int NameMaxLength = 120;

    public Guid Id { get; set; }
    public Guid? OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public bool IsCurrent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<BenchmarkTheme> Themes { get; set; } = [];
}

public sealed class BenchmarkTheme
{
    public const int NameMaxLength = 120;

    public Guid Id { get; set; }
    public Guid FrameworkId { get; set; }
    public int Order { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<BenchmarkStatement> Statements { get; set; } = [];
}

public sealed class BenchmarkStatement
{
    public const int TextMaxLength = 400;

    public Guid Id { get; set; }
    public Guid ThemeId { get; set; }
    public BenchmarkTheme? Theme { get; set; }
    public int Order { get; set; }

    /// <summary>Stays the same across versions of a framework, so rounds on different versions can be compared.</summary>
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>One benchmarking round: everyone rates, the team discusses and agrees, and it is compared with the round before.</summary>
public sealed class BenchmarkRound
{
    public Guid Id { get; set; }
    public Guid TeamPlanId { get; set; }
    public TeamPlan? TeamPlan { get; set; }
    public Guid FrameworkId { get; set; }
    public BenchmarkFramework? Framework { get; set; }

    /// <summary>Counts up across the team's cycles, so round 3 may be the first round of the second year.</summary>
    public int Number { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? PreviousRoundId { get; set; }
}

public sealed class BenchmarkRating
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int CommentMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public Guid StatementId { get; set; }
    public Guid UserId { get; set; }
    public Perspective Perspective { get; set; }
    public int Score { get; set; }
    public string Comment { get; set; } = "";
    public bool InMeeting { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The rating the team agrees after discussing everyone's; the discussion notes matter more than the number.</summary>
public sealed class AgreedRating
{
    public const int NotesMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public Guid StatementId { get; set; }
    public int Score { get; set; }
    public string DiscussionNotes { get; set; } = "";
    public DateTimeOffset AgreedAt { get; set; }
    public Guid AgreedByUserId { get; set; }
}

public enum PriorityKind
{
    QuickWin,
    LongerProject,
}

public sealed class TeamPriority
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }
    public Guid TeamPlanId { get; set; }
    public Guid? StatementId { get; set; }
    public PriorityKind Kind { get; set; }
    public string Title { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ActionStatus
{
    NotStarted,
    InProgress,
    Done,
    Stopped,
}

/// <summary>A SMART action, jointly led by at least one member of staff and one person using services.</summary>
public sealed class TeamAction
{
    public const int TextMaxLength = 1000;
    public const int WorkingGroupMaxLength = 500;

    public Guid Id { get; set; }
    public Guid TeamPlanId { get; set; }
    public Guid? PriorityId { get; set; }
    public string Specific { get; set; } = "";

    /// <summary>How we will know it has been done.</summary>
    public string Measure { get; set; } = "";
    public string Achievable { get; set; } = "";
    public string Realistic { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public ActionStatus Status { get; set; }

    /// <summary>Others helping, in the team's words: names, groups or organisations outside the team.</summary>
    public string WorkingGroup { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<ActionLead> Leads { get; set; } = [];
    public List<ActionUpdate> Updates { get; set; } = [];

    public bool IsOpen => Status is ActionStatus.NotStarted or ActionStatus.InProgress;
    public bool IsOverdue(DateOnly today) => IsOpen && DueDate < today;
}

public sealed class ActionLead
{
    public Guid Id { get; set; }
    public Guid ActionId { get; set; }
    public Guid UserId { get; set; }
    public Perspective Perspective { get; set; }
}

public sealed class ActionUpdate
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid ActionId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid AuthorUserId { get; set; }
    public string Text { get; set; } = "";
    public ActionStatus Status { get; set; }
    public Guid? ReviewMeetingId { get; set; }
}

public enum ReviewKind
{
    Review,
    Annual,
}

/// <summary>A forum that keeps the plan alive: progress, problem solving, and holding joint leads to account.</summary>
public sealed class ReviewMeeting
{
    public const int NotesMaxLength = 4000;

    public Guid Id { get; set; }
    public Guid TeamPlanId { get; set; }
    public ReviewKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public string Notes { get; set; } = "";
    public Guid RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<ReviewAttendee> Attendees { get; set; } = [];
}

public sealed class ReviewAttendee
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid UserId { get; set; }
    public Perspective Perspective { get; set; }
}

public enum AssetKind
{
    Skill,
    Interest,
    Language,
    LivedExperience,
    CommunityContact,
}

/// <summary>
/// Who may see an asset. The owner always sees their own. Team: every member of the team plan.
/// StaffOnly: staff and team leads of the team. LeadsOnly: team leads (and organisation administrators), for
/// something the owner wants used thoughtfully, such as lived experience they are not ready to share widely.
/// </summary>
public enum AssetVisibility
{
    Team,
    StaffOnly,
    LeadsOnly,
}

/// <summary>A hidden talent or resource a member brings: a skill, an interest, a language, lived experience, a community contact.</summary>
public sealed class TeamAsset
{
    public const int TextMaxLength = 500;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid OwnerUserId { get; set; }
    public AssetKind Kind { get; set; }
    public string Text { get; set; } = "";
    public AssetVisibility Visibility { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An optional "know each other" profile, in the member's own words, shown in the team's gallery.</summary>
public sealed class MemberProfile
{
    public const int FieldMaxLength = 500;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
    public string Likes { get; set; } = "";
    public string Interests { get; set; } = "";
    public string PreviousJobs { get; set; } = "";
    public string FavouriteBookOrMusic { get; set; } = "";
    public string TopTip { get; set; } = "";
    public string AnythingElse { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}
