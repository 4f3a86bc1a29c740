using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

/// <summary>
/// Withdraws a course that has not finished: it leaves the prospectus, every place and waiting-list place
/// is cancelled, and each of those people is told by email, in the college's words, why.
/// </summary>
public sealed class WithdrawModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time) : PageModel
{
    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public int Enrolled { get; private set; }
    public int Waiting { get; private set; }

    [BindProperty]
    public WithdrawInput Input { get; set; } = new();

    private async Task<Course?> LoadAsync(Guid id, CancellationToken ct)
    {
        var course = await db.Set<Course>().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null || !await college.MayManageAsync(user, course, ct)
            || course.WithdrawnAt is not null || !course.Sessions.Any(s => s.EndsAt > time.GetUtcNow()))
        {
            return null;
        }
        Id = id;
        Title = course.Title;
        var statuses = await db.Set<Enrolment>().Where(e => e.CourseId == id).Select(e => e.Status).ToListAsync(ct);
        Enrolled = statuses.Count(s => s == EnrolmentStatus.Enrolled);
        Waiting = statuses.Count(s => s == EnrolmentStatus.Waiting);
        return course;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var course = await LoadAsync(id, ct);
        if (course is null)
        {
            return NotFound();
        }
        var reason = (Input.Reason ?? "").Trim();
        if (ModelState.IsValid && reason.Length == 0)
        {
            ModelState.AddModelError("Input.Reason", "Enter why the course is withdrawn, so the people booked on it know");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow();
        var affected = await db.Set<Enrolment>()
            .Where(e => e.CourseId == id && e.Status != EnrolmentStatus.Cancelled)
            .ToListAsync(ct);
        foreach (var enrolment in affected)
        {
            enrolment.Status = EnrolmentStatus.Cancelled;
            enrolment.CancelledAt = now;
        }
        course.WithdrawnAt = now;
        course.EnrolmentVersion++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone booked or cancelled at the same moment: nothing was saved; show the new numbers.
            ModelState.AddModelError("", "Bookings on this course changed while you were looking. Nothing has been withdrawn: check the numbers and confirm again.");
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        await college.EmailAsync(affected.Select(e => e.UserId).ToList(), $"Course withdrawn: {course.Title}",
            $"We are sorry: the Recovery College has withdrawn \"{course.Title}\", so your place (or your place on the waiting list) has been cancelled.\n\n"
            + $"Why: {reason}\n\nYou can look for another course in the prospectus.", ct);
        return Redirect($"/college/manage/courses/{id}?done=withdrawn");
    }
}

public sealed class WithdrawInput
{
    public const int ReasonMaxLength = 500;

    [StringLength(ReasonMaxLength, ErrorMessage = "Why the course is withdrawn must be 500 characters or fewer")]
    public string? Reason { get; set; }
}
