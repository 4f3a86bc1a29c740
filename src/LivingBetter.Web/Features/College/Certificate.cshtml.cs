using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>The signed-in person's own certificate; there is no way to ask for anyone else's.</summary>
public sealed class CertificateModel(LivingBetterDbContext db, CurrentUser user, TimeProvider time, CertificateWriter writer) : PageModel
{
    public string Title { get; private set; } = "";
    public int Needed { get; private set; }
    public int Sessions { get; private set; }
    public int Attended { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequiredId;
        var e = await db.Set<Enrolment>().AsNoTracking()
            .Where(x => x.CourseId == id && x.UserId == me && x.Status == EnrolmentStatus.Enrolled)
            .Select(x => new
            {
                x.User!.DisplayName,
                x.Course!.Title,
                x.Course.SessionsForCertificate,
                Organisation = x.Course.Organisation!.Name,
                x.Course.LivedExperienceTrainerUserId,
                x.Course.ProfessionalTrainerUserId,
                Sessions = x.Course.Sessions.Select(s => s.StartsAt).ToList(),
                Attended = x.Attendance.Count(a => a.Attended),
            })
            .FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return NotFound();
        }
        Title = e.Title;
        Needed = e.SessionsForCertificate;
        Sessions = e.Sessions.Count;
        Attended = e.Attended;
        if (e.Attended < e.SessionsForCertificate)
        {
            return Page();
        }
        var trainers = await db.Users.Where(u => u.Id == e.LivedExperienceTrainerUserId || u.Id == e.ProfessionalTrainerUserId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var first = e.Sessions.Min();
        var last = e.Sessions.Max();
        var dates = UkTime.Date(first) == UkTime.Date(last) ? $"on {UkTime.Date(first)}" : $"from {UkTime.Date(first)} to {UkTime.Date(last)}";
        var pdf = writer.Write(new CertificateContent(e.DisplayName, e.Title, e.Organisation, e.Attended, e.Sessions.Count, dates,
            trainers.GetValueOrDefault(e.LivedExperienceTrainerUserId, ""), trainers.GetValueOrDefault(e.ProfessionalTrainerUserId, ""),
            UkTime.Date(time.GetUtcNow())));
        return File(pdf, "application/pdf", "certificate-of-attendance.pdf");
    }
}
