using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.College;

public static class CollegeWording
{
    public static string Audience(CourseAudience audience)
    {
        var parts = new List<string>();
        if (audience.HasFlag(CourseAudience.PeopleUsingServices)) parts.Add("people using services");
        if (audience.HasFlag(CourseAudience.Carers)) parts.Add("carers");
        if (audience.HasFlag(CourseAudience.Families)) parts.Add("families and friends");
        if (audience.HasFlag(CourseAudience.Staff)) parts.Add("staff");
        if (parts.Count == 0) return "";
        var text = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Kind(AttendeeKind kind) => kind switch
    {
        AttendeeKind.PersonUsingServices => "Someone using services",
        AttendeeKind.Carer => "A carer",
        AttendeeKind.FamilyMember => "A family member or friend",
        AttendeeKind.Staff => "A member of staff",
        _ => kind.ToString(),
    };

    public static readonly IReadOnlyList<AttendeeKind> Kinds =
        [AttendeeKind.PersonUsingServices, AttendeeKind.Carer, AttendeeKind.FamilyMember, AttendeeKind.Staff];

    public static string Status(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Enrolled => "You have a place",
        EnrolmentStatus.Waiting => "On the waiting list",
        _ => "Cancelled",
    };

    /// <summary>Small numbers could identify people, so counts under 8 are not shown and others are rounded to the nearest 5.</summary>
    public const int SmallNumber = 8;

    public static string Suppressed(int count) =>
        count < SmallNumber ? "fewer than 8" : (((count + 2) / 5) * 5).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<string> HopeLabels = ["Not at all", "A little", "Somewhat", "Quite a lot", "A great deal"];
}
