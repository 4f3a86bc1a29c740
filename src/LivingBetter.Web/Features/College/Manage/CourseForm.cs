using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

/// <summary>A checked course form: every value parsed and every rule met. Sessions carry new ids and are numbered in order.</summary>
public sealed record CourseDraft(Guid OrganisationId, string Title, string Description, CourseAudience Audience, string Place, int Capacity,
    int SessionsForCertificate, Guid LivedExperienceTrainerUserId, Guid ProfessionalTrainerUserId, List<CourseSession> Sessions,
    bool TrainsPlanWritingFacilitators);

/// <summary>
/// The rules for a course, shared by adding and editing one: both trainers (different people, the professional one
/// on the organisation's staff), sessions in date order, places and the certificate threshold in range.
/// </summary>
public static class CourseForm
{
    public const int SessionRows = 8;

    /// <summary>Gives the form exactly <see cref="SessionRows"/> session rows.</summary>
    public static void PadSessions(CourseInput input)
    {
        while (input.Sessions.Count < SessionRows)
        {
            input.Sessions.Add(new SessionInput());
        }
        if (input.Sessions.Count > SessionRows)
        {
            input.Sessions.RemoveRange(SessionRows, input.Sessions.Count - SessionRows);
        }
    }

    /// <summary>Checks everything before anything is saved, so a course is never half-made.</summary>
    public static async Task<(CourseDraft? Draft, List<(string Field, string Message)> Errors)> ValidateAsync(
        LivingBetterDbContext db, CourseInput input, IReadOnlyCollection<string> organisationIds, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!Guid.TryParse(input.OrganisationId, out var orgId) || !organisationIds.Contains(orgId.ToString()))
        {
            errors.Add(("Input.OrganisationId", "Choose an organisation you administer"));
        }
        var audience = (input.ForPeople ? CourseAudience.PeopleUsingServices : 0) | (input.ForCarers ? CourseAudience.Carers : 0)
            | (input.ForFamilies ? CourseAudience.Families : 0) | (input.ForStaff ? CourseAudience.Staff : 0);
        if (audience == CourseAudience.None)
        {
            errors.Add(("Input.Audience", "Choose who the course is for"));
        }

        var lived = await FindTrainerAsync(db, input.LivedExperienceTrainerEmail, "Input.LivedExperienceTrainerEmail", "trainer with lived experience", errors, ct);
        var professional = await FindTrainerAsync(db, input.ProfessionalTrainerEmail, "Input.ProfessionalTrainerEmail", "professional trainer", errors, ct);
        if (lived is { } l && professional is { } p)
        {
            if (l == p)
            {
                errors.Add(("Input.ProfessionalTrainerEmail",
                    "The two trainers must be different people: one brings lived experience and the other professional training"));
            }
            else if (!await db.StaffMemberships.AnyAsync(m => m.UserId == p && m.OrganisationId == orgId && m.LeftAt == null, ct))
            {
                errors.Add(("Input.ProfessionalTrainerEmail", "The professional trainer must be a member of staff in the organisation running the course"));
            }
        }

        var sessions = new List<CourseSession>();
        for (var i = 0; i < input.Sessions.Count; i++)
        {
            var row = input.Sessions[i];
            var prefix = $"Input.Sessions[{i}].";
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(row.Date) && string.IsNullOrWhiteSpace(row.Start) && string.IsNullOrWhiteSpace(row.End))
            {
                continue;
            }
            DateOnly date = default;
            TimeOnly start = default, end = default;
            var ok = true;
            if (!TryDate(row.Date, out date))
            {
                errors.Add((prefix + "Date", string.IsNullOrWhiteSpace(row.Date) ? $"Enter the date of session {n}" : $"Enter the date of session {n} as a real date, like 2026-12-01"));
                ok = false;
            }
            if (!TryTime(row.Start, out start))
            {
                errors.Add((prefix + "Start", string.IsNullOrWhiteSpace(row.Start) ? $"Enter the time session {n} starts" : $"Enter the time session {n} starts, like 10:00"));
                ok = false;
            }
            if (!TryTime(row.End, out end))
            {
                errors.Add((prefix + "End", string.IsNullOrWhiteSpace(row.End) ? $"Enter the time session {n} ends" : $"Enter the time session {n} ends, like 12:00"));
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (end <= start)
            {
                errors.Add((prefix + "End", $"Session {n} must end after it starts"));
                continue;
            }
            var session = new CourseSession { Id = Guid.NewGuid(), Number = sessions.Count + 1, StartsAt = UkTime.FromUk(date, start), EndsAt = UkTime.FromUk(date, end) };
            if (sessions.Count > 0 && session.StartsAt < sessions[^1].EndsAt)
            {
                errors.Add((prefix + "Date", $"Session {n} must start after the session before it ends: enter the sessions in date order"));
                continue;
            }
            sessions.Add(session);
        }
        if (sessions.Count == 0 && !errors.Any(e => e.Item1.StartsWith("Input.Sessions", StringComparison.Ordinal)))
        {
            errors.Add(("Input.Sessions[0].Date", "Enter the date and times of at least one session"));
        }

        var capacity = 0;
        if (!int.TryParse(input.Capacity, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1 || capacity > Course.MaxCapacity)
        {
            errors.Add(("Input.Capacity", $"Enter the number of places as a whole number from 1 to {Course.MaxCapacity}"));
        }
        if (!int.TryParse(input.SessionsForCertificate, NumberStyles.None, CultureInfo.InvariantCulture, out var needed) || needed < 1
            || (sessions.Count > 0 && needed > sessions.Count))
        {
            errors.Add(("Input.SessionsForCertificate",
                $"Enter the sessions needed for a certificate as a whole number from 1 to {Math.Max(1, sessions.Count)}, the number of sessions"));
        }

        if (errors.Count > 0 || lived is null || professional is null)
        {
            return (null, errors);
        }
        return (new CourseDraft(orgId, input.Title.Trim(), input.Description.Trim(), audience, input.Place.Trim(), capacity, needed,
            lived.Value, professional.Value, sessions, input.TrainsPlanWritingFacilitators), errors);
    }

    private static async Task<Guid?> FindTrainerAsync(LivingBetterDbContext db, string? email, string field, string who, List<(string, string)> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add((field, $"Every course is co-facilitated by two trainers: enter the email address of the {who}"));
            return null;
        }
        var normalised = email.Trim().ToUpperInvariant();
        var id = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            errors.Add((field, $"There is no account with the {who}'s email address: ask them to create an account first"));
        }
        return id;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= 2000 and <= 2100;

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

/// <summary>A page showing the shared course fields (<c>_CourseFields.cshtml</c>).</summary>
public interface ICourseForm
{
    CourseInput Input { get; }
}
