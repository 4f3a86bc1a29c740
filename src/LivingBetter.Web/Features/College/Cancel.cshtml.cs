using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>Confirms before giving up a place, because the place goes to someone else at once.</summary>
public sealed class CancelModel(LivingBetterDbContext db, CurrentUser user, CollegeService college) : PageModel
{
    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public bool Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequiredId;
        var found = await db.Set<Enrolment>().AsNoTracking()
            .Where(e => e.CourseId == id && e.UserId == me && e.Status != EnrolmentStatus.Cancelled)
            .Select(e => new { e.Status, e.Course!.Title })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound();
        }
        Id = id;
        Title = found.Title;
        Waiting = found.Status == EnrolmentStatus.Waiting;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var exists = await db.Set<Course>().AnyAsync(c => c.Id == id, ct);
        if (!exists || await college.CancelAsync(id, user.RequiredId, ct) == CancelResult.NotEnrolled)
        {
            return NotFound();
        }
        return Redirect($"/college/courses/{id}?done=cancelled");
    }
}
