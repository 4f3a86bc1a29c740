using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>Feedback from people who came to at least one session. One answer each.</summary>
public sealed class FeedbackModel(LivingBetterDbContext db, CurrentUser user, TimeProvider time) : PageModel
{
    public string Title { get; private set; } = "";
    public bool AlreadyGiven { get; private set; }

    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (AlreadyGiven)
        {
            return Page();
        }
        if (!int.TryParse(Input.HopeAndControl, out var hope) || hope is < 1 or > 5)
        {
            ModelState.Remove("Input.HopeAndControl");
            ModelState.AddModelError("Input.HopeAndControl", "Choose how much the course helped you feel more hopeful or in control");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Add(new CourseFeedback
        {
            Id = Guid.NewGuid(),
            CourseId = id,
            UserId = user.RequiredId,
            HopeAndControl = hope,
            MostUseful = Input.MostUseful?.Trim() ?? "",
            WouldChange = Input.WouldChange?.Trim() ?? "",
            SubmittedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Sent twice at once: the first answer stands.
        }
        return Redirect("/college/my-courses");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequiredId;
        var enrolment = await db.Set<Enrolment>().AsNoTracking()
            .Where(e => e.CourseId == id && e.UserId == me && e.Status == EnrolmentStatus.Enrolled && e.Attendance.Any(a => a.Attended))
            .Select(e => new { e.Course!.Title })
            .FirstOrDefaultAsync(ct);
        if (enrolment is null)
        {
            return false;
        }
        Title = enrolment.Title;
        AlreadyGiven = await db.Set<CourseFeedback>().AnyAsync(f => f.CourseId == id && f.UserId == me, ct);
        return true;
    }
}

public sealed class FeedbackInput
{
    [Required(ErrorMessage = "Choose how much the course helped you feel more hopeful or in control")]
    [StringLength(2, ErrorMessage = "Choose how much the course helped you feel more hopeful or in control")]
    public string? HopeAndControl { get; set; }

    [StringLength(CourseFeedback.AnswerMaxLength, ErrorMessage = "What was most useful must be 2000 characters or fewer")]
    public string? MostUseful { get; set; }

    [StringLength(CourseFeedback.AnswerMaxLength, ErrorMessage = "What you would change must be 2000 characters or fewer")]
    public string? WouldChange { get; set; }
}
