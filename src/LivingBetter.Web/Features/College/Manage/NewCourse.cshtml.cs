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
public sealed class NewCourseModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time, AuditLog audit) : PageModel
{
    public const int SessionRows = 8;

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
        var (course, errors) = await BuildAsync(ct);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || course is null)
        {
            return Page();
        }
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
        while (Input.Sessions.Count < SessionRows)
        {
            Input.Sessions.Add(new SessionInput());
        }
        if (Input.Sessions.Count > SessionRows)
        {
            Input.Sessions.RemoveRange(SessionRows, Input.Sessions.Count - SessionRows);
        }
        return true;
    }

    /// <summary>Checks everything before anything is saved, so a course is never half-made.</summary>
    private async Task<(Course? Course, List<(string Field, string Message)> Errors)> BuildAsync(CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!Guid.TryParse(Input.OrganisationId, out var orgId) || !Organisations.Any(o => o.Value == orgId.ToString()))
        {
            errors.Add(("Input.OrganisationId", "Choose an organisation you administer"));
        }
        var audience = (Input.ForPeople ? CourseAudience.PeopleUsingServices : 0) | (Input.ForCarers ? CourseAudience.Carers : 0)
            | (Input.ForFamilies ? CourseAudience.Families : 0) | (Input.ForStaff ? CourseAudience.Staff : 0);
        if (audience == CourseAudience.None)
        {
            errors.Add(("Input.Audience", "Choose who the course is for"));
        }

        var lived = await FindTrainerAsync(Input.LivedExperienceTrainerEmail, "Input.LivedExperienceTrainerEmail", "trainer with lived experience", errors, ct);
        var professional = await FindTrainerAsync(Input.ProfessionalTrainerEmail, "Input.ProfessionalTrainerEmail", "professional trainer", errors, ct);
        if (lived is { } l && professional is { } p)
        {
            if (l == p)
            {
                errors.Add(("Input.ProfessionalTrainerEmail",
                    "The two trainers must be different people: one brings lived experience and the other professional training"));
            }
            else if (!await db.StaffMemberships.AnyAsync(m => m.UserId == p && m.OrganisationId == orgId && m.LeftAt == null, ct))
            {
                errors.Add(("Input.ProfessionalTrainerEmail", "The professional trainer must be a member of staff in the organisation running the course"));
            }
        }

        var sessions = new List<CourseSession>();
        for (var i = 0; i < Input.Sessions.Count; i++)
        {
            var row = Input.Sessions[i];
            var prefix = $"Input.Sessions[{i}].";
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(row.Date) && string.IsNullOrWhiteSpace(row.Start) && string.IsNullOrWhiteSpace(row.End))
            {
                continue;
            }
            DateOnly date = default;
            TimeOnly start = default, end = default;
            var ok = true;
            if (!TryDate(row.Date, out date))
            {
                errors.Add((prefix + "Date", string.IsNullOrWhiteSpace(row.Date) ? $"Enter the date of session {n}" : $"Enter the date of session {n} as a real date, like 2026-12-01"));
                ok = false;
            }
            if (!TryTime(row.Start, out start))
            {
                errors.Add((prefix + "Start", string.IsNullOrWhiteSpace(row.Start) ? $"Enter the time session {n} starts" : $"Enter the time session {n} starts, like 10:00"));
                ok = false;
            }
            if (!TryTime(row.End, out end))
            {
                errors.Add((prefix + "End", string.IsNullOrWhiteSpace(row.End) ? $"Enter the time session {n} ends" : $"Enter the time session {n} ends, like 12:00"));
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (end <= start)
            {
                errors.Add((prefix + "End", $"Session {n} must end after it starts"));
                continue;
            }
            var session = new CourseSession { Id = Guid.NewGuid(), Number = sessions.Count + 1, StartsAt = UkTime.FromUk(date, start), EndsAt = UkTime.FromUk(date, end) };
            if (sessions.Count > 0 && session.StartsAt < sessions[^1].EndsAt)
            {
                errors.Add((prefix + "Date", $"Session {n} must start after the session before it ends: enter the sessions in date order"));
                continue;
            }
            sessions.Add(session);
        }
        if (sessions.Count == 0 && !errors.Any(e => e.Item1.StartsWith("Input.Sessions", StringComparison.Ordinal)))
        {
            errors.Add(("Input.Sessions[0].Date", "Enter the date and times of at least one session"));
        }

        var capacity = 0;
        if (!int.TryParse(Input.Capacity, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1 || capacity > Course.MaxCapacity)
        {
            errors.Add(("Input.Capacity", $"Enter the number of places as a whole number from 1 to {Course.MaxCapacity}"));
        }
        if (!int.TryParse(Input.SessionsForCertificate, NumberStyles.None, CultureInfo.InvariantCulture, out var needed) || needed < 1
            || (sessions.Count > 0 && needed > sessions.Count))
        {
            errors.Add(("Input.SessionsForCertificate",
                $"Enter the sessions needed for a certificate as a whole number from 1 to {Math.Max(1, sessions.Count)}, the number of sessions"));
        }

        if (errors.Count > 0 || lived is null || professional is null)
        {
            return (null, errors);
        }
        var course = new Course
        {
            Id = Guid.NewGuid(),
            OrganisationId = orgId,
            Title = Input.Title.Trim(),
            Description = Input.Description.Trim(),
            Audience = audience,
            Place = Input.Place.Trim(),
            Capacity = capacity,
            SessionsForCertificate = needed,
            LivedExperienceTrainerUserId = lived.Value,
            ProfessionalTrainerUserId = professional.Value,
            CreatedAt = time.GetUtcNow(),
            Sessions = sessions,
        };
        return (course, errors);
    }

    private async Task<Guid?> FindTrainerAsync(string? email, string field, string who, List<(string, string)> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add((field, $"Every course is co-facilitated by two trainers: enter the email address of the {who}"));
            return null;
        }
        var normalised = email.Trim().ToUpperInvariant();
        var id = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            errors.Add((field, $"There is no account with the {who}'s email address: ask them to create an account first"));
        }
        return id;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= 2000 and <= 2100;

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
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
