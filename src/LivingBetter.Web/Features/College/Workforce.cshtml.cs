using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>The organisation's workforce picture for plan-writing groups. Administrators only; one organisation at a time.</summary>
public sealed class WorkforceModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time) : PageModel
{
    public sealed record TeamRow(string Team, int Staff, int Trained, List<string> Names);
    public sealed record RecordRow(string Name, string Kind, string On, string Source);

    public string OrganisationName { get; private set; } = "";
    public List<TeamRow> Teams { get; private set; } = [];
    public List<RecordRow> Records { get; private set; } = [];
    public List<SelectListItem> KindItems { get; } = TrainingRecord.Kinds.Select(k => new SelectListItem(k, k)).ToList();
    public bool Saved { get; private set; }

    /// <summary>People who are not staff and completed facilitator training: counted, never named.</summary>
    public int LivedExperienceFacilitators { get; private set; }
    public int CarerFacilitators { get; private set; }

    [BindProperty]
    public TrainingInput Input { get; set; } = new();

    private Guid _orgId;

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email!.Trim().ToUpperInvariant();
        var userId = await db.StaffMemberships
            .Where(m => m.OrganisationId == _orgId && m.LeftAt == null && m.User!.NormalizedEmail == email)
            .Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            ModelState.AddModelError("Input.Email", $"There is no member of staff at {OrganisationName} with this email address");
        }
        if (!TrainingRecord.Kinds.Contains(Input.Kind ?? ""))
        {
            ModelState.AddModelError("Input.Kind", "Choose the training they completed");
        }
        var today = DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow()).Date);
        if (!DateOnly.TryParseExact(Input.CompletedOn?.Trim(), ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on.Year < 1990)
        {
            ModelState.AddModelError("Input.CompletedOn", "Enter the date completed as a real date, like 2026-10-15");
        }
        else if (on > today)
        {
            ModelState.AddModelError("Input.CompletedOn", "Date completed must be today or in the past");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Add(new TrainingRecord
        {
            Id = Guid.NewGuid(),
            OrganisationId = _orgId,
            UserId = userId!.Value,
            Kind = Input.Kind!,
            CompletedOn = UkTime.FromUk(on, new TimeOnly(12, 0)),
            RecordedByUserId = user.RequiredId,
            RecordedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Redirect("/college/workforce?saved=true");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var orgs = await college.AdministeredOrganisationsAsync(user, ct);
        if (orgs.Count == 0)
        {
            return false;
        }
        _orgId = orgs[0];
        var orgId = _orgId;
        OrganisationName = await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Name).FirstAsync(ct);
        var records = await db.Set<TrainingRecord>().AsNoTracking().Where(r => r.OrganisationId == orgId)
            .Select(r => new { r.UserId, r.User!.DisplayName, r.Kind, r.CompletedOn }).ToListAsync(ct);
        var completions = await FacilitatorTraining.CompletionsAsync(db, orgId, time.GetUtcNow(), ct);
        var staffCompletions = completions.Where(c => c.IsStaff).ToList();
        var fromAttendance = staffCompletions.GroupBy(c => c.UserId)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.OrderBy(c => c.CompletedOn).Select(c => $"{c.CourseTitle}, {UkTime.Date(c.CompletedOn)}")));
        var typedIn = records.Where(r => r.Kind == TrainingRecord.PlanWritingFacilitator).Select(r => r.UserId).ToHashSet();
        var staffIds = staffCompletions.Select(c => c.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // One row per record typed in, and one per person trained only through attendance: nobody is listed twice.
        Records = records
            .Select(r => (r.CompletedOn, Row: new RecordRow(r.DisplayName, r.Kind, UkTime.Date(r.CompletedOn),
                r.Kind == TrainingRecord.PlanWritingFacilitator && fromAttendance.TryGetValue(r.UserId, out var also)
                    ? $"Added by hand; also from attendance: {also}" : "Added by hand")))
            .Concat(staffCompletions.Where(c => !typedIn.Contains(c.UserId)).GroupBy(c => c.UserId)
                .Select(g => g.OrderBy(c => c.CompletedOn).First())
                .Select(c => (c.CompletedOn, Row: new RecordRow(names.GetValueOrDefault(c.UserId, ""), TrainingRecord.PlanWritingFacilitator,
                    UkTime.Date(c.CompletedOn), $"From attendance: {fromAttendance[c.UserId]}"))))
            .OrderByDescending(r => r.CompletedOn).Select(r => r.Row).ToList();
        var facilitators = typedIn.Concat(staffIds).ToHashSet();
        var others = completions.Where(c => !c.IsStaff).GroupBy(c => c.UserId).Select(g => g.First()).ToList();
        LivedExperienceFacilitators = others.Count(c => c.Kind == AttendeeKind.PersonUsingServices);
        CarerFacilitators = others.Count(c => c.Kind != AttendeeKind.PersonUsingServices);
        var members = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.Team!.OrganisationId == orgId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .Select(m => new { Team = m.Team!.Name, m.UserId, m.User!.DisplayName })
            .ToListAsync(ct);
        Teams = members.GroupBy(m => m.Team).OrderBy(g => g.Key)
            .Select(g => new TeamRow(g.Key, g.Select(m => m.UserId).Distinct().Count(),
                g.Where(m => facilitators.Contains(m.UserId)).Select(m => m.UserId).Distinct().Count(),
                g.Where(m => facilitators.Contains(m.UserId)).Select(m => m.DisplayName).Distinct().Order().ToList()))
            .ToList();
        if (Input.Kind is null)
        {
            Input.Kind = TrainingRecord.PlanWritingFacilitator;
        }
        return true;
    }
}

public sealed class TrainingInput
{
    [Required(ErrorMessage = "Enter the email address of the member of staff")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string? Email { get; set; }

    [StringLength(TrainingRecord.KindMaxLength, ErrorMessage = "Choose the training they completed")]
    public string? Kind { get; set; }

    [Required(ErrorMessage = "Enter the date completed")]
    [StringLength(20, ErrorMessage = "Enter the date completed as a real date, like 2026-10-15")]
    public string? CompletedOn { get; set; }
}
