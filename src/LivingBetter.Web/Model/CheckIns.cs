namespace LivingBetter.Web.Model;

/// <summary>A life domain of the wellbeing wheel, configured per organisation or from the default set.</summary>
public sealed class LifeDomain
{
    public Guid Id { get; set; }

    /// <summary>Null for the default set used by people with no organisation.</summary>
    public Guid? OrganisationId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int Order { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>One wellbeing-wheel check-in: the person's ratings, and where joint, a worker's beside them.</summary>
public sealed class CheckIn
{
    public const int NoteMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTimeOffset At { get; set; }
    public string Note { get; set; } = "";
    public Guid RecordedByUserId { get; set; }
    public Guid? WorkerUserId { get; set; }

    /// <summary>The scale the ratings were given on, kept so old check-ins stay honest if the organisation changes its scale.</summary>
    public int ScaleMin { get; set; } = 1;
    public int ScaleMax { get; set; } = 10;
    public DateTimeOffset? WorkerRatedAt { get; set; }
    public List<CheckInRating> Ratings { get; set; } = [];
}

public sealed class CheckInRating
{
    public Guid Id { get; set; }
    public Guid CheckInId { get; set; }
    public CheckIn? CheckIn { get; set; }
    public Guid DomainId { get; set; }
    public LifeDomain? Domain { get; set; }

    /// <summary>Null when the person skipped this domain.</summary>
    public int? Rating { get; set; }
    public int? WorkerRating { get; set; }
    public bool WantsHelp { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>How often the person has chosen to check in. No row means they have not chosen yet.</summary>
public sealed class CheckInSchedule
{
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>Days between check-ins; 0 means "only when I want to", with no reminders.</summary>
    public int EveryDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
