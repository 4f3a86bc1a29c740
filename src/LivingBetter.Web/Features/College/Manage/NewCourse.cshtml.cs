using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

/// <summary>An organisation's administrators add courses. The co-production rule is checked here, on the server.</summary>
public sealed class NewCourseModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time, AuditLog audit) : PageModel, ICourseForm
{
    public const int SessionRows = CourseForm.SessionRows;

    [BindProperty]
    public CourseInput Input { get; set; } = new();

    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Input.OrganisationId = Organisations[0].Value;
        Input.SessionsForCertificate = "1";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var (draft, errors) = await CourseForm.ValidateAsync(db, Input, Organisations.Select(o => o.Value).ToList(), ct);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }
        var course = new Course
        {
            Id = Guid.NewGuid(),
            OrganisationId = draft.OrganisationId,
            Title = draft.Title,
            Description = draft.Description,
            Audience = draft.Audience,
            Place = draft.Place,
            Capacity = draft.Capacity,
            SessionsForCertificate = draft.SessionsForCertificate,
            LivedExperienceTrainerUserId = draft.LivedExperienceTrainerUserId,
            ProfessionalTrainerUserId = draft.ProfessionalTrainerUserId,
            TrainsPlanWritingFacilitators = draft.TrainsPlanWritingFacilitators,
            CreatedAt = time.GetUtcNow(),
            Sessions = draft.Sessions,
        };
        db.Add(course);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "college-course-added", "College", ct: ct);
        return Redirect($"/college/courses/{course.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var orgIds = await college.AdministeredOrganisationsAsync(user, ct);
        if (orgIds.Count == 0)
        {
            return false;
        }
        Organisations = (await db.Organisations.Where(o => orgIds.Contains(o.Id)).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToList();
        CourseForm.PadSessions(Input);
        return true;
    }
}

public sealed class CourseInput
{
    public string? OrganisationId { get; set; }

    [Required(ErrorMessage = "Enter the course title")]
    [StringLength(Course.TitleMaxLength, ErrorMessage = "Course title must be 120 characters or fewer")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Enter what the course is about")]
    [StringLength(Course.DescriptionMaxLength, ErrorMessage = "What the course is about must be 4000 characters or fewer")]
    public string Description { get; set; } = "";

    public bool ForPeople { get; set; }
    public bool ForCarers { get; set; }
    public bool ForFamilies { get; set; }
    public bool ForStaff { get; set; }

    /// <summary>Members of staff who attend every session are counted as trained plan-writing group facilitators.</summary>
    public bool TrainsPlanWritingFacilitators { get; set; }

    [Required(ErrorMessage = "Enter where the course happens")]
    [StringLength(Course.PlaceMaxLength, ErrorMessage = "Where it happens must be 300 characters or fewer")]
    public string Place { get; set; } = "";

    [StringLength(10, ErrorMessage = "Enter the number of places as a whole number from 1 to 200")]
    public string? Capacity { get; set; }

    [StringLength(256, ErrorMessage = "Email address of the trainer with lived experience must be 256 characters or fewer")]
    public string? LivedExperienceTrainerEmail { get; set; }

    [StringLength(256, ErrorMessage = "Email address of the professional trainer must be 256 characters or fewer")]
    public string? ProfessionalTrainerEmail { get; set; }

    [StringLength(10, ErrorMessage = "Enter the sessions needed for a certificate as a whole number")]
    public string? SessionsForCertificate { get; set; }

    public List<SessionInput> Sessions { get; set; } = [];
}

public sealed class SessionInput
{
    [StringLength(20, ErrorMessage = "Enter the date as a real date, like 2026-12-01")]
    public string? Date { get; set; }

    [StringLength(10, ErrorMessage = "Enter the start time like 10:00")]
    public string? Start { get; set; }

    [StringLength(10, ErrorMessage = "Enter the end time like 12:00")]
    public string? End { get; set; }
}
