namespace LivingBetter.Web.Model;

/// <summary>
/// An outcome measure an organisation holds a licence for, loaded as data: a FHIR Questionnaire-shaped
/// definition and a scoring rule. No item wording ships in the code.
/// </summary>
public sealed class MeasureDefinition
{
    public const int CodeMaxLength = 40;
    public const int TitleMaxLength = 120;
    public const int LicenceNoteMaxLength = 1000;
    public const int JsonMaxLength = 200_000;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string DefinitionJson { get; set; } = "";
    public string ScoringJson { get; set; } = "";
    public bool Enabled { get; set; }
    public string LicenceNote { get; set; } = "";
    public Guid CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One completed questionnaire, scored when it was saved.</summary>
public sealed class MeasureResponse
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid MeasureDefinitionId { get; set; }
    public MeasureDefinition? MeasureDefinition { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid RecordedByUserId { get; set; }

    /// <summary>linkId → the chosen option's code and value.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>Null when too few items were answered to score.</summary>
    public decimal? RawScore { get; set; }
    public decimal? MetricScore { get; set; }
    public string SubscaleScoresJson { get; set; } = "{}";
}
