using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>The register, kept by the course's two trainers (and the college's administrators).</summary>
public sealed class RegisterModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time) : PageModel
{
    public sealed record Row(Guid EnrolmentId, string Name, bool Attended);

    public Guid CourseId { get; private set; }
    public string Title { get; private set; } = "";
    public List<CourseSession> Sessions { get; private set; } = [];
    public CourseSession? Session { get; private set; }
    public List<Row> People { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty]
    public List<Guid> Attended { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? sessionId, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, sessionId, ct))
        {
            return NotFound();
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? sessionId, CancellationToken ct)
    {
        if (!await LoadAsync(id, sessionId, ct) || Session is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Something in the form could not be read. Tick the people who came and save again.");
            return Page();
        }
        if (Session.StartsAt > time.GetUtcNow())
        {
            ModelState.AddModelError("", $"Session {Session.Number} has not started yet, so attendance cannot be recorded");
            return Page();
        }
        var valid = People.Select(p => p.EnrolmentId).ToHashSet();
        await college.RecordAttendanceAsync(Session, Attended.Where(valid.Contains).ToHashSet(), user.RequiredId, ct);
        return Redirect($"/college/courses/{id}/register/{Session.Id}?saved=true");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? sessionId, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null || !(CollegeService.IsTrainer(course, user.Id) || await college.MayManageAsync(user, course, ct)))
        {
            return false;
        }
        CourseId = id;
        Title = course.Title;
        Sessions = course.Sessions.OrderBy(s => s.Number).ToList();
        if (sessionId is { } sid)
        {
            Session = Sessions.FirstOrDefault(s => s.Id == sid);
            if (Session is null)
            {
                return false;
            }
        }
        else
        {
            // Open on the latest session that has started: that is the register a trainer usually wants.
            var now = time.GetUtcNow();
            Session = Sessions.LastOrDefault(s => s.StartsAt <= now) ?? Sessions.FirstOrDefault();
        }
        if (Session is not null)
        {
            var sid2 = Session.Id;
            People = await db.Set<Enrolment>().AsNoTracking()
                .Where(e => e.CourseId == id && e.Status == EnrolmentStatus.Enrolled)
                .OrderBy(e => e.User!.DisplayName)
                .Select(e => new Row(e.Id, e.User!.DisplayName, e.Attendance.Any(a => a.SessionId == sid2 && a.Attended)))
                .ToListAsync(ct);
        }
        return true;
    }
}
