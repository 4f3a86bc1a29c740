namespace LivingBetter.Web.Model;

/// <summary>A provider: an NHS trust, a voluntary-sector organisation. One installation hosts many.</summary>
public sealed class Organisation
{
    public const int NameMaxLength = 120;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>What the organisation calls the staying-well plan. "WRAP" is a registered trade mark, so it is opt-in.</summary>
    public string StayingWellPlanLabel { get; set; } = DefaultStayingWellPlanLabel;
    public const string DefaultStayingWellPlanLabel = "My staying-well plan";

    /// <summary>The fixed rating scale of the wellbeing wheel for this organisation.</summary>
    public int WheelScaleMin { get; set; } = 1;
    public int WheelScaleMax { get; set; } = 10;
    public string WheelScaleLowLabel { get; set; } = "Not good at all";
    public string WheelScaleHighLabel { get; set; } = "As good as it could be";

    public DateTimeOffset CreatedAt { get; set; }

    public List<Division> Divisions { get; set; } = [];
    public List<Locality> Localities { get; set; } = [];
    public List<Team> Teams { get; set; } = [];
}

/// <summary>A business division (seed 001 names seven), which owns a division action plan.</summary>
public sealed class Division
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A place the organisation serves; teams, community resources and reports group by it.</summary>
public sealed class Locality
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Name { get; set; } = "";
}

public sealed class Team
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? DivisionId { get; set; }
    public Division? Division { get; set; }
    public Guid? LocalityId { get; set; }
    public Locality? Locality { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<TeamMembership> Members { get; set; } = [];
}

/// <summary>The job a member of staff does; peer support work is counted for the workforce picture.</summary>
public enum JobRole
{
    CareCoordinator,
    Nurse,
    SocialWorker,
    PeerSupportWorker,
    SupportTimeAndRecoveryWorker,
    Psychiatrist,
    Psychologist,
    OccupationalTherapist,
    Manager,
    Administrator,
    Other,
}

/// <summary>A user's place in an organisation's workforce.</summary>
public sealed class StaffMembership
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public JobRole JobRole { get; set; }
    public bool IsAdministrator { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>How someone belongs to a team. People using the service and carers are members too, as TRIP asks.</summary>
public enum TeamRole
{
    Staff,
    TeamLead,
    PersonUsingService,
    Carer,
}

public sealed class TeamMembership
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public TeamRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
