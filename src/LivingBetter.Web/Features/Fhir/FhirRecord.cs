using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>
/// A person's record as the FHIR mapping sees it: plain values, no database entities, so the mapping can
/// be tested in memory (export then import must give the same record back). Each list holds only what the
/// caller was allowed to see when it was read.
/// </summary>
public sealed record FhirPersonRecord
{
    public Guid PersonId { get; init; }
    public string PreferredName { get; init; } = "";
    public int? BirthYear { get; init; }

    /// <summary>A full date of birth, when a bundle from another system gives one (ours give the year only).</summary>
    public DateOnly? BirthDate { get; init; }
    public string? Gender { get; init; }
    public IReadOnlyList<FhirPlan> Plans { get; init; } = [];
    public IReadOnlyList<FhirCheckIn> CheckIns { get; init; } = [];

    /// <summary>Completed outcome measures (read with the check-ins part): codes and values only, never item wording.</summary>
    public IReadOnlyList<FhirMeasureResponse> Measures { get; init; } = [];

    /// <summary>
    /// The definitions of the measures in <see cref="Measures"/>, one per measure code: codes and values only,
    /// never wording (read with the check-ins part, as the measures). Exported, never imported.
    /// </summary>
    public IReadOnlyList<FhirMeasureQuestionnaire> MeasureQuestionnaires { get; init; } = [];
    public IReadOnlyList<FhirConsent> Consents { get; init; } = [];
    public IReadOnlyList<FhirSupporter> Supporters { get; init; } = [];
    public IReadOnlyList<FhirCareTeam> CareTeams { get; init; } = [];
    public IReadOnlyList<FhirPractitioner> Practitioners { get; init; } = [];
    public IReadOnlyList<FhirAuditRecord> AccessLog { get; init; } = [];

    /// <summary>The life domains of the wellbeing wheel that apply to the person (the Questionnaire).</summary>
    public IReadOnlyList<FhirDomain> Domains { get; init; } = [];
}

public sealed record FhirPlan(Guid Id, PlanKind Kind, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<FhirSection> Sections);

/// <summary>One plan section: its key, progress, version number and its content in the section's own JSON shape.</summary>
public sealed record FhirSection(string Key, SectionState State, int Version, string ContentJson, DateTimeOffset UpdatedAt)
{
    /// <summary>The section's earlier versions (numbers below <see cref="Version"/>), oldest first; only for sections the reader may see.</summary>
    public IReadOnlyList<FhirSectionVersion> History { get; init; } = [];
}

/// <summary>An earlier version of a section: its number, its words then, when it was saved and why.</summary>
public sealed record FhirSectionVersion(int Number, string ContentJson, DateTimeOffset SavedAt, string Reason);

public sealed record FhirCheckIn(Guid Id, DateTimeOffset At, string Note, int ScaleMin, int ScaleMax, IReadOnlyList<FhirRating> Ratings);

/// <summary>One domain of a check-in; <see cref="Rating"/> null means skipped.</summary>
public sealed record FhirRating(Guid Id, string DomainKey, string DomainName, int? Rating, int? WorkerRating, bool WantsHelp, string Note);

/// <summary>
/// One completed outcome measure: the measure's code, when, the chosen option per question (linkId → option
/// code and its value) and the scores saved with it. <see cref="Path"/> is the bundle element it was read from.
/// </summary>
public sealed record FhirMeasureResponse(Guid Id, string MeasureCode, DateTimeOffset At, IReadOnlyList<FhirMeasureAnswer> Answers, decimal? RawScore, decimal? MetricScore)
{
    public string Path { get; init; } = "";

    /// <summary>The measure definition it was scored with (to export that definition's Questionnaire).</summary>
    public Guid DefinitionId { get; init; }

    /// <summary>The subscale scores saved with it (subscales with too few answers have none).</summary>
    public IReadOnlyList<FhirSubscaleScore> Subscales { get; init; } = [];
}

public sealed record FhirSubscaleScore(string Key, decimal Score);

/// <summary>A measure definition as FHIR shows it: per question its linkId, whether it must be answered, and its options' codes and values. No wording.</summary>
public sealed record FhirMeasureQuestionnaire(string Code, IReadOnlyList<FhirMeasureQuestion> Questions);

public sealed record FhirMeasureQuestion(string LinkId, bool Required, IReadOnlyList<FhirMeasureOption> Options);

public sealed record FhirMeasureOption(string Code, decimal Value);

public sealed record FhirMeasureAnswer(string LinkId, string Code, decimal Value);

public sealed record FhirConsent(Guid Id, SharedPart Part, ShareAccess Access, Guid? GranteeUserId, Guid? GranteeTeamId,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? WithdrawnAt);

public sealed record FhirSupporter(Guid Id, Guid UserId, string Name, string Relationship, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);

/// <summary>A team: one that supports the person (a care episode), or one the person shares with that does not.</summary>
public sealed record FhirCareTeam(Guid TeamId, string Name, Guid? CoordinatorUserId, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, bool SupportsPerson = true);

/// <summary>A user named by the record (staff, supporters, grantees): only their display name.</summary>
public sealed record FhirPractitioner(Guid UserId, string Name);

public sealed record FhirAuditRecord(long Id, DateTimeOffset At, Guid? ActorUserId, string ActorRole, string Action, string Part, AuditOutcome Outcome, string? Via = null);

public sealed record FhirDomain(string Key, string Name, string Description);
