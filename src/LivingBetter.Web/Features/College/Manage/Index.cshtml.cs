using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

public sealed class IndexModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, CollegeReport report) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Starts, int Taken, int Capacity, int Waiting, int Attended, string Followed, int Feedback);

    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var orgs = await college.AdministeredOrganisationsAsync(user, ct);
        if (orgs.Count == 0)
        {
            return NotFound();
        }
        var courses = await db.Set<Course>().AsNoTracking().Where(c => orgs.Contains(c.OrganisationId))
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.Capacity,
                First = c.Sessions.Min(s => (DateTimeOffset?)s.StartsAt),
                Taken = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled),
                Waiting = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Waiting),
                Feedback = db.Set<CourseFeedback>().Count(f => f.CourseId == c.Id),
            })
            .ToListAsync(ct);
        foreach (var c in courses.OrderByDescending(c => c.First))
        {
            var followed = await report.WhatFollowedAsync(c.Id, ct);
            Rows.Add(new Row(c.Id, c.Title, c.First is { } f ? UkTime.Date(f) : "No sessions", c.Taken, c.Capacity, c.Waiting,
                followed?.Attended ?? 0, followed is null || followed.Attended == 0 ? "None yet" : CollegeWording.Suppressed(followed.WithPlanActivity), c.Feedback));
        }
        return Page();
    }
}
