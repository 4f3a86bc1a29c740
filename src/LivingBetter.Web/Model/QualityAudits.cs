namespace LivingBetter.Web.Model;

public enum QualityAuditKind
{
    Baseline,
    ReAudit,
}

/// <summary>How far a sampled plan meets one criterion.</summary>
/// <summary>A round is answered while in progress; once completed its answers are fixed and a re-audit can compare with it.</summary>
public enum QualityAuditStatus
{
    InProgress,
    Completed,
}

public enum QualityAuditAnswer
{
    Yes,
    Partly,
    No,
}

/// <summary>
/// One round of the care-plan quality audit (ADR 0014): a baseline or a re-audit for the whole
/// organisation, one division or one team, with its random sample of plans. It stores answers to the
/// criteria, never any of the plan's words.
/// </summary>
public sealed class QualityAuditRound
{
    public const int SampleMax = 100;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public QualityAuditKind Kind { get; set; }

    /// <summary>For a re-audit, the baseline it is compared with.</summary>
    public Guid? BaselineRoundId { get; set; }
    public Guid? DivisionId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTimeOffset HeldOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public QualityAuditStatus Status { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// The seed of the draw: with the same eligible people (listed in id order) it picks the same
    /// sample again, so anyone can check how it was chosen. Null when the round reused a baseline's sample.
    /// </summary>
    public int? SampleSeed { get; set; }

    /// <summary>How many people could have been drawn when the round started.</summary>
    public int EligibleCount { get; set; }
    public List<QualityAuditPlan> Plans { get; set; } = [];
}

/// <summary>One sampled person's plans, known in the audit only by <see cref="Number"/> and team.</summary>
public sealed class QualityAuditPlan
{
    public const int NoteMax = 500;

    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public QualityAuditRound? Round { get; set; }

    /// <summary>"Plan 1, 2, …" within the round.</summary>
    public int Number { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public List<QualityAuditCriterion> Criteria { get; set; } = [];
}

/// <summary>One criterion for one sampled plan: the auditor's answer and what the system could tell unread.</summary>
public sealed class QualityAuditCriterion
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public QualityAuditPlan? Plan { get; set; }
    public string Key { get; set; } = "";
    public QualityAuditAnswer? Answer { get; set; }

    /// <summary>What the system worked out without showing content; null when it cannot tell.</summary>
    public QualityAuditAnswer? Suggested { get; set; }
    public string Note { get; set; } = "";
}
