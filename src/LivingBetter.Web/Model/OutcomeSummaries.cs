namespace LivingBetter.Web.Model;

/// <summary>
/// One person's ratings in one area of life, boiled down to what the outcome reports count: the first and
/// latest rating (skipped ratings left out, ties on time broken by the check-in's id), how many ratings
/// there are, and whether at the latest they asked for help with a low rating. Derived from
/// <see cref="CheckIn"/>s only and rebuilt for the person in the same transaction whenever one of their
/// check-ins or ratings is saved, changed or deleted (see docs/decisions/0017-outcome-summaries.md).
/// </summary>
public sealed class OutcomeDomainSummary
{
    public Guid PersonId { get; set; }
    public Guid DomainId { get; set; }

    /// <summary>How many check-ins rated this area (skips not counted); change is reported from 2.</summary>
    public int Ratings { get; set; }
    public int FirstRating { get; set; }
    public DateTimeOffset FirstAt { get; set; }
    public int LatestRating { get; set; }
    public DateTimeOffset LatestAt { get; set; }

    /// <summary>"I'd like help" was ticked at the latest rating.</summary>
    public bool LatestWantsHelp { get; set; }

    /// <summary>The latest rating is in the bottom three tenths of the scale that check-in used.</summary>
    public bool LatestLow { get; set; }
}

/// <summary>One person's scores on one outcome measure, boiled down the same way: first and latest score.</summary>
public sealed class OutcomeMeasureSummary
{
    public Guid PersonId { get; set; }
    public Guid MeasureDefinitionId { get; set; }

    /// <summary>How many scored responses; change is reported from 2.</summary>
    public int Scores { get; set; }
    public double FirstScore { get; set; }
    public DateTimeOffset FirstAt { get; set; }
    public double LatestScore { get; set; }
    public DateTimeOffset LatestAt { get; set; }
}

/// <summary>
/// One person's <see cref="OutcomeDomainSummary"/> rows packed into one row, with unmet need already decided, so that
/// a report reads one row per person in it instead of one per person and area of life (ADR 0021). Rebuilt with the
/// area rows, and also when the person's wellbeing-plan goals change (they decide unmet need). Holds nothing about
/// who is counted: the report still reads that live.
/// </summary>
public sealed class OutcomePersonSummary
{
    public Guid PersonId { get; set; }

    /// <summary>
    /// Per area of life rated, separated by <c>;</c>: <c>domain id,ratings,first rating,latest rating,unmet</c>,
    /// where unmet is 1 when the latest rating is low, asked for help and no wellbeing-plan goal names that area, else 0.
    /// </summary>
    public string Areas { get; set; } = "";
}
