using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

public enum EnrolResult
{
    Enrolled,
    Waiting,
    AlreadyEnrolled,
    AlreadyWaiting,
    NotForThisGroup,
    Finished,
    Withdrawn,
}

public enum CancelResult
{
    Cancelled,
    NotEnrolled,
}

/// <summary>Enrolment, the waiting list, attendance and reminders: the parts of the college that must never lose or double-count a place.</summary>
public sealed class CollegeService(LivingBetterDbContext db, TimeProvider time, IEmailSender email)
{
    private const int ConcurrencyRetries = 5;

    /// <summary>The courses whose organisation the user administers; they manage them.</summary>
    public async Task<List<Guid>> AdministeredOrganisationsAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (user.Id is not { } id || !user.IsInRole(Roles.OrgAdmin))
        {
            return [];
        }
        return await db.StaffMemberships
            .Where(m => m.UserId == id && m.IsAdministrator && m.LeftAt == null)
            .Select(m => m.OrganisationId)
            .ToListAsync(ct);
    }

    public async Task<bool> MayManageAsync(CurrentUser user, Course course, CancellationToken ct = default) =>
        (await AdministeredOrganisationsAsync(user, ct)).Contains(course.OrganisationId);

    public static bool IsTrainer(Course course, Guid? userId) =>
        userId is { } id && (course.LivedExperienceTrainerUserId == id || course.ProfessionalTrainerUserId == id);

    public static bool Suits(CourseAudience audience, AttendeeKind kind) => kind switch
    {
        AttendeeKind.PersonUsingServices => audience.HasFlag(CourseAudience.PeopleUsingServices),
        AttendeeKind.Carer => audience.HasFlag(CourseAudience.Carers),
        AttendeeKind.FamilyMember => audience.HasFlag(CourseAudience.Families),
        AttendeeKind.Staff => audience.HasFlag(CourseAudience.Staff),
        _ => false,
    };

    /// <summary>
    /// Gives the user a place if one is free, otherwise a place on the waiting list. The course's
    /// enrolment version is bumped in the same save, so when two requests race for the last place the
    /// loser's save fails on the concurrency token and is retried against the new count.
    /// </summary>
    public async Task<EnrolResult> EnrolAsync(Guid courseId, Guid userId, AttendeeKind kind, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var course = await db.Set<Course>().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == courseId, ct)
                ?? throw new InvalidOperationException("The course has gone.");
            var now = time.GetUtcNow();
            if (course.WithdrawnAt is not null)
            {
                return EnrolResult.Withdrawn;
            }
            if (course.Sessions.Count == 0 || course.Sessions.Max(s => s.EndsAt) <= now)
            {
                return EnrolResult.Finished;
            }
            if (!Suits(course.Audience, kind))
            {
                return EnrolResult.NotForThisGroup;
            }
            var mine = await db.Set<Enrolment>().FirstOrDefaultAsync(e => e.CourseId == courseId && e.UserId == userId, ct);
            if (mine?.Status == EnrolmentStatus.Enrolled)
            {
                return EnrolResult.AlreadyEnrolled;
            }
            if (mine?.Status == EnrolmentStatus.Waiting)
            {
                return EnrolResult.AlreadyWaiting;
            }
            var taken = await db.Set<Enrolment>().CountAsync(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Enrolled, ct);
            var status = taken < course.Capacity ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting;
            if (mine is null)
            {
                mine = new Enrolment { Id = Guid.NewGuid(), CourseId = courseId, UserId = userId };
                db.Add(mine);
            }
            mine.Kind = kind;
            mine.Status = status;
            mine.RequestedAt = now;
            mine.PlaceGivenAt = status == EnrolmentStatus.Enrolled ? now : null;
            mine.CancelledAt = null;
            course.EnrolmentVersion++;
            try
            {
                await db.SaveChangesAsync(ct);
                return status == EnrolmentStatus.Enrolled ? EnrolResult.Enrolled : EnrolResult.Waiting;
            }
            catch (DbUpdateException ex) when (attempt < ConcurrencyRetries && IsRace(ex))
            {
                // Someone else changed the course's places between our read and our save: count again.
            }
        }
    }

    /// <summary>Cancels the user's place or waiting-list place; a freed place goes to the first person waiting, who is emailed.</summary>
    public async Task<CancelResult> CancelAsync(Guid courseId, Guid userId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var course = await db.Set<Course>().FirstAsync(c => c.Id == courseId, ct);
            var mine = await db.Set<Enrolment>().FirstOrDefaultAsync(
                e => e.CourseId == courseId && e.UserId == userId && e.Status != EnrolmentStatus.Cancelled, ct);
            if (mine is null)
            {
                return CancelResult.NotEnrolled;
            }
            var now = time.GetUtcNow();
            var freedPlace = mine.Status == EnrolmentStatus.Enrolled;
            mine.Status = EnrolmentStatus.Cancelled;
            mine.CancelledAt = now;
            var promoted = await PromoteFromWaitingListAsync(courseId, freedPlace ? 1 : 0, now, ct);
            course.EnrolmentVersion++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (attempt < ConcurrencyRetries && IsRace(ex))
            {
                continue;
            }
            await EmailAsync(promoted.Select(e => e.UserId).ToList(), $"A place is free for you on {course.Title}",
                $"Good news: a place has come up on \"{course.Title}\" and it is yours.\n\n" +
                "You can see the dates and places on your Recovery College page (My courses). " +
                "If you can no longer come, please cancel there so someone else can have the place.", ct);
            return CancelResult.Cancelled;
        }
    }

    /// <summary>
    /// Gives up to <paramref name="places"/> free places to the waiting list, in the order people asked (not saved:
    /// the caller saves with the course's enrolment version, so a booking at the same moment is a conflict).
    /// </summary>
    public async Task<List<Enrolment>> PromoteFromWaitingListAsync(Guid courseId, int places, DateTimeOffset now, CancellationToken ct = default)
    {
        if (places <= 0)
        {
            return [];
        }
        var promoted = await db.Set<Enrolment>()
            .Where(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Waiting)
            .OrderBy(e => e.RequestedAt).ThenBy(e => e.Id)
            .Take(places)
            .ToListAsync(ct);
        foreach (var enrolment in promoted)
        {
            enrolment.Status = EnrolmentStatus.Enrolled;
            enrolment.PlaceGivenAt = now;
        }
        return promoted;
    }

    /// <summary>Emails the same message to each of these accounts that has an address.</summary>
    public async Task EmailAsync(IReadOnlyCollection<Guid> userIds, string subject, string body, CancellationToken ct = default)
    {
        if (userIds.Count == 0)
        {
            return;
        }
        var addresses = await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null && u.Email != "").Select(u => u.Email!).ToListAsync(ct);
        foreach (var address in addresses)
        {
            await email.SendAsync(new EmailMessage(address, subject, body), ct);
        }
    }

    /// <summary>Sets the register for one session: those listed attended, every other enrolled person did not.</summary>
    public async Task RecordAttendanceAsync(CourseSession session, IReadOnlySet<Guid> attendedEnrolmentIds, Guid recordedBy, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var enrolments = await db.Set<Enrolment>()
            .Where(e => e.CourseId == session.CourseId && e.Status == EnrolmentStatus.Enrolled)
            .Select(e => e.Id)
            .ToListAsync(ct);
        var existing = await db.Set<SessionAttendance>().Where(a => a.SessionId == session.Id).ToDictionaryAsync(a => a.EnrolmentId, ct);
        foreach (var enrolmentId in enrolments)
        {
            if (!existing.TryGetValue(enrolmentId, out var row))
            {
                row = new SessionAttendance { Id = Guid.NewGuid(), SessionId = session.Id, EnrolmentId = enrolmentId };
                db.Add(row);
            }
            row.Attended = attendedEnrolmentIds.Contains(enrolmentId);
            row.RecordedByUserId = recordedBy;
            row.RecordedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Emails everyone with a place about each session starting in the next 48 hours, once per
    /// session. Safe to call as often as you like: a reminder already sent is not sent again.
    /// </summary>
    public async Task<int> SendRemindersAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var until = now.AddHours(48);
        var due = await (
            from s in db.Set<CourseSession>()
            where s.StartsAt > now && s.StartsAt <= until
            join e in db.Set<Enrolment>() on s.CourseId equals e.CourseId
            where e.Status == EnrolmentStatus.Enrolled
            where !db.Set<SessionReminder>().Any(r => r.SessionId == s.Id && r.EnrolmentId == e.Id)
            join u in db.Users on e.UserId equals u.Id
            join c in db.Set<Course>() on s.CourseId equals c.Id
            select new { SessionId = s.Id, EnrolmentId = e.Id, u.Email, c.Title, c.Place, s.Number, s.StartsAt })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var d in due)
        {
            db.Add(new SessionReminder { Id = Guid.NewGuid(), SessionId = d.SessionId, EnrolmentId = d.EnrolmentId, SentAt = now });
            await db.SaveChangesAsync(ct);
            if (!string.IsNullOrEmpty(d.Email))
            {
                await email.SendAsync(new EmailMessage(d.Email, $"Reminder: {d.Title}, session {d.Number}",
                    $"This is a reminder that session {d.Number} of \"{d.Title}\" is on {UkTime.DateTime(d.StartsAt)} at {d.Place}.\n\n" +
                    "If you cannot come, that is all right: you can cancel your place on your Recovery College page."), ct);
                sent++;
            }
        }
        return sent;
    }

    private static bool IsRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException
        // Two first-time enrolments for the same person, or PostgreSQL's serialization failure.
        || ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>Course times are entered and shown in UK time, and stored in UTC.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = FindLondon();

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public static DateTimeOffset ToUk(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, London);

    public static DateTimeOffset FromUk(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string DateTime(DateTimeOffset utc) => Wording.DateTime(ToUk(utc));

    public static string Date(DateTimeOffset utc) => Wording.Date(ToUk(utc));

    public static string Session(CourseSession s) =>
        $"{ToUk(s.StartsAt).ToString("dddd d MMMM yyyy, HH:mm", Wording.UkCulture)} to {ToUk(s.EndsAt).ToString("HH:mm", Wording.UkCulture)}";
}
