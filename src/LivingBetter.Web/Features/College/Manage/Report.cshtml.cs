using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

public sealed class ReportModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, CollegeReport report, TimeProvider time) : PageModel
{
    public sealed record KindRow(string Kind, int Count);
    public sealed record SessionRow(int Number, string When, bool Recorded, int Came);

    public Guid Id { get; private set; }
    public bool Withdrawn { get; private set; }
    public bool CanWithdraw { get; private set; }
    public string Title { get; private set; } = "";
    public List<KindRow> ByKind { get; private set; } = [];
    public int Waiting { get; private set; }
    public List<SessionRow> Sessions { get; private set; } = [];
    public WhatFollowed? Followed { get; private set; }
    public FeedbackSummary Feedback { get; private set; } = new(0, [], [], []);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null || !await college.MayManageAsync(user, course, ct))
        {
            return NotFound();
        }
        Id = id;
        Title = course.Title;
        Withdrawn = course.WithdrawnAt is not null;
        CanWithdraw = !Withdrawn && course.Sessions.Any(s => s.EndsAt > time.GetUtcNow());
        var enrolments = await db.Set<Enrolment>().AsNoTracking().Where(e => e.CourseId == id && e.Status != EnrolmentStatus.Cancelled)
            .Select(e => new { e.Kind, e.Status }).ToListAsync(ct);
        ByKind = CollegeWording.Kinds.Select(k => new KindRow(CollegeWording.Kind(k), enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled && e.Kind == k))).ToList();
        Waiting = enrolments.Count(e => e.Status == EnrolmentStatus.Waiting);
        var marks = await db.Set<SessionAttendance>().AsNoTracking().Where(a => a.Session!.CourseId == id)
            .GroupBy(a => a.SessionId).Select(g => new { g.Key, Came = g.Count(a => a.Attended) }).ToListAsync(ct);
        Sessions = course.Sessions.OrderBy(s => s.Number)
            .Select(s => new SessionRow(s.Number, UkTime.Session(s), marks.Any(m => m.Key == s.Id), marks.FirstOrDefault(m => m.Key == s.Id)?.Came ?? 0))
            .ToList();
        Followed = await report.WhatFollowedAsync(id, ct);
        Feedback = await report.FeedbackAsync(id, ct);
        return Page();
    }
}
