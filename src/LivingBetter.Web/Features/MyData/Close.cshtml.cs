using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

/// <summary>A course someone trains that still has sessions to come.</summary>
public sealed record CourseToHandOver(Guid Id, Guid OrganisationId, string Title, DateTimeOffset NextSession);

public sealed class CloseModel(PersonAccess access, CurrentUser current, LivingBetterDbContext db, MyDataService data,
    UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, TimeProvider time, IEmailSender email,
    ILogger<CloseModel> log) : PageModel
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    /// <summary>Courses this account trains that still have sessions to come: the college is told to find another trainer.</summary>
    public IReadOnlyList<CourseToHandOver> CoursesToHandOver { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => CoursesToHandOver = await UpcomingCoursesAsync(current.RequiredId, ct);

    private async Task<List<CourseToHandOver>> UpcomingCoursesAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var courses = await db.Set<Course>().AsNoTracking()
            .Where(c => c.LivedExperienceTrainerUserId == userId || c.ProfessionalTrainerUserId == userId)
            .Select(c => new { c.Id, c.OrganisationId, c.Title, Next = c.Sessions.Where(s => s.EndsAt > now).Select(s => s.StartsAt).ToList() })
            .ToListAsync(ct);
        return [.. courses.Where(c => c.Next.Count > 0)
            .Select(c => new CourseToHandOver(c.Id, c.OrganisationId, c.Title, c.Next.Min()))
            .OrderBy(c => c.NextSession)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null)
        {
            return NotFound();
        }
        CoursesToHandOver = await UpcomingCoursesAsync(user.Id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "The password is not right");
            return Page();
        }
        var person = await access.MyPersonAsync(ct);
        var owner = new MyDataOwner(user.Id, person?.Id);
        var strategy = db.Database.CreateExecutionStrategy();
        bool closed;
        try
        {
            closed = await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await data.CloseAsync(owner, ct);
                if (person is not null)
                {
                    // Otherwise deleting the user would try to clear this already-erased row's link to it.
                    db.Entry(person).State = EntityState.Detached;
                }
                var deleted = await users.DeleteAsync(user);
                if (!deleted.Succeeded)
                {
                    return false;
                }
                await tx.CommitAsync(ct);
                return true;
            });
        }
        catch (DbUpdateException ex)
        {
            // Something still points at the account that the close list does not know about. Nothing was erased.
            log.LogError(ex, "Closing an account failed on a database constraint");
            closed = false;
        }
        if (!closed)
        {
            ModelState.AddModelError("", "Your account could not be closed just now. Nothing has been erased. Try again later.");
            return Page();
        }
        // Kept with the person's id so the access log stays complete; it holds no words of theirs.
        await audit.RecordAsync(person?.Id, "account.close", "Everything", ct: ct);
        await TellCollegesAsync(CoursesToHandOver, ct);
        await signIn.SignOutAsync();
        return Redirect("/my-data/closed");
    }

    /// <summary>Each course's organisation administrators learn that a course needs a new trainer; they never learn why.</summary>
    private async Task TellCollegesAsync(IReadOnlyList<CourseToHandOver> courses, CancellationToken ct)
    {
        foreach (var course in courses)
        {
            var admins = await db.StaffMemberships.AsNoTracking()
                .Where(m => m.OrganisationId == course.OrganisationId && m.IsAdministrator && m.LeftAt == null)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
                .Where(e => e != null)
                .ToListAsync(ct);
            foreach (var address in admins)
            {
                await email.SendAsync(new EmailMessage(address!, $"A course needs a new trainer: {course.Title}",
                    $"One of the trainers of \"{course.Title}\" has left LivingBetter. The course still has sessions to come "
                    + $"(the next on {course.NextSession:d MMMM yyyy}). Every course is run by a trainer with lived experience and a "
                    + "professional trainer together, so please choose someone to take their place on the course's page in the college."), ct);
            }
        }
    }
}

public sealed class CloseInput
{
    [Required(ErrorMessage = "Enter your password to close your account")]
    [StringLength(AccountsSetup.PasswordMaxLength, ErrorMessage = "Password must be 128 characters or fewer")]
    public string Password { get; set; } = "";
}
