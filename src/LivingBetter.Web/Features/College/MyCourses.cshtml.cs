using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

public sealed class MyCoursesModel(LivingBetterDbContext db, CurrentUser user, TimeProvider time) : PageModel
{
    public sealed record SessionRow(Guid CourseId, string Title, int Number, string When, string Place);
    public sealed record Booked(Guid CourseId, string Title, string Status, int Attended, int Sessions, bool Certificate, bool MayGiveFeedback);
    public sealed record Taught(Guid Id, string Title);

    public List<SessionRow> Upcoming { get; private set; } = [];
    public List<Booked> Courses { get; private set; } = [];
    public List<Taught> Teaching { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = user.RequiredId;
        var now = time.GetUtcNow();
        var mine = await db.Set<Enrolment>().AsNoTracking()
            .Where(e => e.UserId == me && e.Status != EnrolmentStatus.Cancelled)
            .Select(e => new
            {
                e.CourseId,
                e.Course!.Title,
                e.Course.Place,
                e.Status,
                e.Course.SessionsForCertificate,
                Sessions = e.Course.Sessions.Select(s => new { s.Number, s.StartsAt, s.EndsAt }).ToList(),
                Attended = e.Attendance.Count(a => a.Attended),
                GaveFeedback = db.Set<CourseFeedback>().Any(f => f.CourseId == e.CourseId && f.UserId == me),
            })
            .ToListAsync(ct);
        Upcoming = mine.Where(m => m.Status == EnrolmentStatus.Enrolled)
            .SelectMany(m => m.Sessions.Where(s => s.EndsAt > now).Select(s => new { m.CourseId, m.Title, m.Place, s.Number, s.StartsAt }))
            .OrderBy(s => s.StartsAt)
            .Select(s => new SessionRow(s.CourseId, s.Title, s.Number, UkTime.DateTime(s.StartsAt), s.Place))
            .ToList();
        Courses = mine
            .OrderByDescending(m => m.Sessions.Count == 0 ? DateTimeOffset.MinValue : m.Sessions.Min(s => s.StartsAt))
            .Select(m => new Booked(m.CourseId, m.Title, CollegeWording.Status(m.Status), m.Attended, m.Sessions.Count,
                m.Status == EnrolmentStatus.Enrolled && m.Attended >= m.SessionsForCertificate,
                m.Status == EnrolmentStatus.Enrolled && m.Attended > 0 && !m.GaveFeedback))
            .ToList();
        Teaching = await db.Set<Course>().AsNoTracking()
            .Where(c => c.LivedExperienceTrainerUserId == me || c.ProfessionalTrainerUserId == me)
            .Where(c => c.Sessions.Any(s => s.EndsAt > now.AddDays(-30)))
            .OrderBy(c => c.Title)
            .Select(c => new Taught(c.Id, c.Title))
            .ToListAsync(ct);
    }
}
