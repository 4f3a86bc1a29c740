using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

[AllowAnonymous]
public sealed class CourseModel(LivingBetterDbContext db, TimeProvider time, CurrentUser user, CollegeService college) : PageModel
{
    public Course Course { get; private set; } = null!;
    public string Organisation { get; private set; } = "";
    public string LivedTrainer { get; private set; } = "";
    public string ProfessionalTrainer { get; private set; } = "";
    public int PlacesLeft { get; private set; }
    public bool Finished { get; private set; }
    public bool Withdrawn { get; private set; }
    public bool SignedIn => user.IsSignedIn;
    public EnrolmentStatus? MyStatus { get; private set; }
    public int WaitingPosition { get; private set; }
    public bool IsTrainer { get; private set; }
    public bool MayManage { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public EnrolInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "enrolled" => "You have a place. We will email you a reminder before each session.",
            "waiting" => "The course is full, so you are on the waiting list. We will email you if a place comes up.",
            "cancelled" => "Your place has been cancelled. Thank you for letting us know.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostEnrolAsync(Guid id, CancellationToken ct)
    {
        if (!user.IsSignedIn)
        {
            return Challenge();
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (EnumNames.Parse<AttendeeKind>(Input.Kind) is not { } kind)
        {
            ModelState.AddModelError("Input.Kind", "Choose how you are coming to the course");
            return Page();
        }
        var result = await college.EnrolAsync(id, user.RequiredId, kind, ct);
        switch (result)
        {
            case EnrolResult.NotForThisGroup:
                ModelState.AddModelError("Input.Kind", $"This course is for {CollegeWording.Audience(Course.Audience).ToLowerInvariant()}: choose one of those");
                return Page();
            case EnrolResult.Withdrawn:
                ModelState.AddModelError("", "This course has been withdrawn, so it can no longer be booked");
                return Page();
            case EnrolResult.Finished:
                ModelState.AddModelError("", "This course has finished, so it can no longer be booked");
                return Page();
            default:
                return Redirect($"/college/courses/{id}?done={(result is EnrolResult.Waiting or EnrolResult.AlreadyWaiting ? "waiting" : "enrolled")}");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking()
            .Include(c => c.Sessions.OrderBy(s => s.Number))
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null)
        {
            return false;
        }
        Course = course;
        Organisation = await db.Organisations.Where(o => o.Id == course.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var names = await db.Users.Where(u => u.Id == course.LivedExperienceTrainerUserId || u.Id == course.ProfessionalTrainerUserId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        LivedTrainer = names.GetValueOrDefault(course.LivedExperienceTrainerUserId, "");
        ProfessionalTrainer = names.GetValueOrDefault(course.ProfessionalTrainerUserId, "");
        var taken = await db.Set<Enrolment>().CountAsync(e => e.CourseId == id && e.Status == EnrolmentStatus.Enrolled, ct);
        PlacesLeft = Math.Max(0, course.Capacity - taken);
        Finished = course.Sessions.Count == 0 || course.Sessions.Max(s => s.EndsAt) <= time.GetUtcNow();
        Withdrawn = course.WithdrawnAt is not null;
        if (user.Id is { } me)
        {
            var mine = await db.Set<Enrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.CourseId == id && e.UserId == me, ct);
            MyStatus = mine?.Status is EnrolmentStatus.Cancelled ? null : mine?.Status;
            if (mine?.Status == EnrolmentStatus.Waiting)
            {
                WaitingPosition = 1 + await db.Set<Enrolment>().CountAsync(
                    e => e.CourseId == id && e.Status == EnrolmentStatus.Waiting && e.RequestedAt < mine.RequestedAt, ct);
            }
            IsTrainer = CollegeService.IsTrainer(course, me);
            MayManage = await college.MayManageAsync(user, course, ct);
        }
        return true;
    }
}

public sealed class EnrolInput
{
    [Required(ErrorMessage = "Choose how you are coming to the course")]
    [StringLength(40, ErrorMessage = "Choose how you are coming to the course")]
    public string? Kind { get; set; }
}
