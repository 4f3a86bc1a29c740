namespace LivingBetter.Web.Model;

/// <summary>Who a course is written for. A course may suit several groups at once.</summary>
[Flags]
public enum CourseAudience
{
    None = 0,
    PeopleUsingServices = 1,
    Carers = 2,
    Families = 4,
    Staff = 8,
}

/// <summary>
/// A Recovery College course, run by an organisation. Every course is co-produced: a trainer with
/// lived experience and a professional trainer facilitate it together, so both are required.
/// </summary>
public sealed class Course
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int PlaceMaxLength = 300;
    public const int MaxCapacity = 200;
    public const int MaxSessions = 12;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public CourseAudience Audience { get; set; }
    public string Place { get; set; } = "";
    public int Capacity { get; set; }

    /// <summary>How many sessions someone must attend to be given a certificate of attendance.</summary>
    public int SessionsForCertificate { get; set; }

    public Guid LivedExperienceTrainerUserId { get; set; }
    public AppUser? LivedExperienceTrainer { get; set; }
    public Guid ProfessionalTrainerUserId { get; set; }
    public AppUser? ProfessionalTrainer { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The course trains people to facilitate plan-writing groups: members of staff who attend every
    /// session appear in the workforce records without anyone typing them in.
    /// </summary>
    public bool TrainsPlanWritingFacilitators { get; set; }

    /// <summary>Set when the college withdraws the course: it leaves the prospectus and every place is cancelled.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>
    /// Concurrency token bumped by every enrolment change, so two people taking the last place at
    /// the same moment cannot both get it: the second save is refused and retried against the new count.
    /// </summary>
    public int EnrolmentVersion { get; set; }

    public List<CourseSession> Sessions { get; set; } = [];
    public List<Enrolment> Enrolments { get; set; } = [];
}

public sealed class CourseSession
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Course? Course { get; set; }
    public int Number { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
}

/// <summary>How someone comes to a course; the college counts each group.</summary>
public enum AttendeeKind
{
    PersonUsingServices,
    Carer,
    FamilyMember,
    Staff,
}

public enum EnrolmentStatus
{
    Enrolled,
    Waiting,
    Cancelled,
}

public sealed class Enrolment
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Course? Course { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public AttendeeKind Kind { get; set; }
    public EnrolmentStatus Status { get; set; }

    /// <summary>When this person asked for a place; the waiting list is served in this order.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? PlaceGivenAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public List<SessionAttendance> Attendance { get; set; } = [];
}

/// <summary>The trainers' register: one row per enrolled person per session they marked.</summary>
public sealed class SessionAttendance
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public CourseSession? Session { get; set; }
    public Guid EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public bool Attended { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Marks a reminder as sent, so the reminder job never emails anyone twice for one session.</summary>
public sealed class SessionReminder
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid EnrolmentId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>What someone thought of a course, in our own questions. Only summaries leave the college.</summary>
public sealed class CourseFeedback
{
    public const int AnswerMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Course? Course { get; set; }
    public Guid UserId { get; set; }
    public string MostUseful { get; set; } = "";
    public string WouldChange { get; set; } = "";

    /// <summary>1 (not at all) to 5 (a great deal): did the course help me feel more hopeful or more in control.</summary>
    public int HopeAndControl { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>Training someone in the workforce has completed, for the organisation's workforce picture.</summary>
public sealed class TrainingRecord
{
    public const int KindMaxLength = 100;
    public const string PlanWritingFacilitator = "Plan-writing group facilitator";
    public const string CollegeTrainer = "Recovery College trainer";
    public const string RecoveryIntroduction = "Introduction to recovery";

    public static readonly IReadOnlyList<string> Kinds = [PlanWritingFacilitator, CollegeTrainer, RecoveryIntroduction];

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset CompletedOn { get; set; }
    public Guid? CourseId { get; set; }
    public Course? Course { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
