namespace LivingBetter.Web.Model;

/// <summary>Shared limits for the organisation's planning text, so pages and configuration agree.</summary>
public static class PlanningText
{
    public const int ShortMax = 200;
    public const int LongMax = 4000;
}

public enum AssessmentStatus
{
    InProgress,
    Completed,
}

/// <summary>
/// One sitting of the organisational self-assessment against the ten recovery challenges, for the
/// whole organisation (<see cref="DivisionId"/> null) or one division. Rounds repeat over time, and
/// comparing them shows progress.
/// </summary>
public sealed class SelfAssessmentRound
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid? DivisionId { get; set; }
    public Division? Division { get; set; }
    public DateTimeOffset HeldOn { get; set; }
    public AssessmentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ChallengeRating> Ratings { get; set; } = [];
}

/// <summary>Where the organisation stands on one challenge in one round, and what it means to change.</summary>
public sealed class ChallengeRating
{
    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public SelfAssessmentRound? Round { get; set; }

    /// <summary>1 to 10, the challenge's number in the framework.</summary>
    public int ChallengeKey { get; set; }

    /// <summary>On the scale in <c>SelfAssessmentScale</c>; null until someone rates it.</summary>
    public int? Rating { get; set; }

    public string Evidence { get; set; } = "";
    public string GoalsForChange { get; set; } = "";
    public string ProgressIndicators { get; set; } = "";
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>The three phases of the wellbeing strategy (seed 001, section 6).</summary>
public enum StrategyPhase
{
    Activate,
    Mobilise,
    Execute,
}

/// <summary>How far a strategy task or a SMART action has got.</summary>
public enum WorkStatus
{
    NotStarted,
    InProgress,
    Done,
    OnHold,
}

/// <summary>Which phase the organisation's strategy is in. One row per organisation, made when first set.</summary>
public sealed class StrategyProgress
{
    public Guid OrganisationId { get; set; }
    public StrategyPhase CurrentPhase { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class StrategyTask
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public StrategyPhase Phase { get; set; }
    public string Title { get; set; } = "";

    /// <summary>A name or a role ("Director of Nursing"): tasks are owned by posts as often as by people.</summary>
    public string Owner { get; set; } = "";

    public DateTimeOffset? DueOn { get; set; }
    public WorkStatus Status { get; set; }
    public string Notes { get; set; } = "";
    public int Order { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A division's own plan for the strategy, in the shape seed 001 section 6.3.3 asks for: what
/// wellbeing means here, who the stakeholders are, what resources there are, an analysis of seven
/// areas, and SMART actions.
/// </summary>
public sealed class DivisionActionPlan
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid DivisionId { get; set; }
    public Division? Division { get; set; }

    public string WellbeingMeaning { get; set; } = "";
    public string Stakeholders { get; set; } = "";
    public string Resources { get; set; } = "";

    // The analysis, one field per item 4.1 to 4.7.
    public string WorkforceCapacity { get; set; } = "";
    public string StaffDevelopment { get; set; } = "";
    public string PeopleAndCarers { get; set; } = "";
    public string StakeholderBarriers { get; set; } = "";
    public string OtherBarriers { get; set; } = "";
    public string Opportunities { get; set; } = "";
    public string ResourcesToSustain { get; set; } = "";

    /// <summary>Concurrency token: a save based on an older version is refused, never silently applied.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<SmartAction> Actions { get; set; } = [];
}

public sealed class SmartAction
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public DivisionActionPlan? Plan { get; set; }
    public string Specific { get; set; } = "";
    public string Measure { get; set; } = "";
    public string AchievableNote { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTimeOffset DueOn { get; set; }
    public WorkStatus Status { get; set; }
    public string ProgressNotes { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One sitting in which the organisation rated itself against the Making It Real statements.</summary>
public sealed class MakingItRealRound
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public DateTimeOffset HeldOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StatementRating> Ratings { get; set; } = [];
}

public sealed class StatementRating
{
    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public MakingItRealRound? Round { get; set; }

    /// <summary>The statement's key in <c>MakingItRealStatements</c>, such as "2.3".</summary>
    public string StatementKey { get; set; } = "";

    public int? Rating { get; set; }
    public string Evidence { get; set; } = "";
}

/// <summary>An area the Making It Real action plan works on, led or co-led by someone with lived experience.</summary>
public sealed class MakingItRealPriority
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Title { get; set; } = "";
    public string Actions { get; set; } = "";
    public WorkStatus Status { get; set; }
    public DateTimeOffset? ReviewOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<PriorityLead> Leads { get; set; } = [];
}

public enum LeadType
{
    Staff,
    PersonWhoUsesServices,
    Carer,
    Partner,
}

public sealed class PriorityLead
{
    public Guid Id { get; set; }
    public Guid PriorityId { get; set; }
    public MakingItRealPriority? Priority { get; set; }
    public string Name { get; set; } = "";
    public LeadType Type { get; set; }

    public static bool IsLivedExperience(LeadType type) => type is LeadType.PersonWhoUsesServices or LeadType.Carer;
}

/// <summary>How many peer support worker posts the organisation plans for a team.</summary>
public sealed class PeerWorkforcePlan
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public int PlannedPosts { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An organisation role besides administrator (ADR 0018).</summary>
public enum OrganisationRoleKind
{
    /// <summary>Leads one division: works on that division's planning and sees its reports.</summary>
    DivisionLead,

    /// <summary>Sits on the board: reads the whole organisation's planning and owns its organisation-wide self-assessment.</summary>
    BoardMember,
}

/// <summary>
/// A role an administrator gave a staff member of the organisation. It lasts only as long as the staff
/// membership: an ended membership ends every role with it. Removing a role deletes the row; the
/// access log keeps the history of grants and removals.
/// </summary>
public sealed class OrganisationRole
{
    public Guid Id { get; set; }
    public Guid StaffMembershipId { get; set; }
    public StaffMembership? StaffMembership { get; set; }
    public OrganisationRoleKind Kind { get; set; }

    /// <summary>The division a division lead leads; null for a board member.</summary>
    public Guid? DivisionId { get; set; }
    public Division? Division { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}
