using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>
/// Training records that come from the register rather than being typed in: everyone with a place who attended
/// every session of a finished course marked as plan-writing facilitator training.
/// </summary>
public static class FacilitatorTraining
{
    /// <param name="UserId">The learner's account.</param>
    /// <param name="IsStaff">On the organisation's staff now; everyone else completed it with lived experience (or as a carer or family member).</param>
    public sealed record Completion(Guid UserId, bool IsStaff, AttendeeKind Kind, Guid CourseId, string CourseTitle, DateTimeOffset CompletedOn);

    public static async Task<List<Completion>> CompletionsAsync(LivingBetterDbContext db, Guid organisationId, DateTimeOffset now, CancellationToken ct)
    {
        var courses = await db.Set<Course>().AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && c.TrainsPlanWritingFacilitators && c.WithdrawnAt == null)
            .Select(c => new { c.Id, c.Title })
            .ToListAsync(ct);
        if (courses.Count == 0)
        {
            return [];
        }
        var courseIds = courses.Select(c => c.Id).ToList();
        // Session times are compared in memory: SQLite cannot order or aggregate DateTimeOffset.
        var sessions = await db.Set<CourseSession>().AsNoTracking().Where(s => courseIds.Contains(s.CourseId))
            .Select(s => new { s.Id, s.CourseId, s.EndsAt }).ToListAsync(ct);
        var finished = sessions.GroupBy(s => s.CourseId)
            .Where(g => g.Max(s => s.EndsAt) <= now)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(s => s.EndsAt)));
        if (finished.Count == 0)
        {
            return [];
        }
        var finishedIds = finished.Keys.ToList();
        var attended = await db.Set<SessionAttendance>().AsNoTracking()
            .Where(a => a.Attended && finishedIds.Contains(a.Session!.CourseId) && a.Enrolment!.Status == EnrolmentStatus.Enrolled)
            .Select(a => new { a.Session!.CourseId, a.SessionId, a.Enrolment!.UserId, a.Enrolment.Kind })
            .ToListAsync(ct);
        var staff = (await db.StaffMemberships.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.LeftAt == null)
            .Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        var titles = courses.ToDictionary(c => c.Id, c => c.Title);
        return attended.GroupBy(a => (a.CourseId, a.UserId))
            .Where(g => g.Select(a => a.SessionId).Distinct().Count() == finished[g.Key.CourseId].Count)
            .Select(g => new Completion(g.Key.UserId, staff.Contains(g.Key.UserId), g.First().Kind, g.Key.CourseId, titles[g.Key.CourseId],
                finished[g.Key.CourseId].Last))
            .ToList();
    }
}
