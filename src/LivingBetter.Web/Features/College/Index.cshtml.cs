using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>The prospectus. Anyone may read it, signed in or not: courses are open across organisations.</summary>
[AllowAnonymous]
public sealed class IndexModel(LivingBetterDbContext db, TimeProvider time, CurrentUser user, CollegeService college) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Summary, string Audience, string Starts, int SessionCount, string Place, int Capacity, int PlacesLeft, string Organisation);

    public List<Row> Courses { get; private set; } = [];
    public bool SignedIn => user.IsSignedIn;
    public bool MayManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var courses = await db.Set<Course>().AsNoTracking()
            .Where(c => c.WithdrawnAt == null && c.Sessions.Any(s => s.EndsAt > now))
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.Description,
                c.Audience,
                c.Place,
                c.Capacity,
                Organisation = c.Organisation!.Name,
                First = c.Sessions.Min(s => s.StartsAt),
                Sessions = c.Sessions.Count,
                Taken = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled),
            })
            .ToListAsync(ct);
        Courses = courses
            .OrderBy(c => c.First)
            .Select(c => new Row(c.Id, c.Title, FirstSentence(c.Description), CollegeWording.Audience(c.Audience), UkTime.Date(c.First),
                c.Sessions, c.Place, c.Capacity, Math.Max(0, c.Capacity - c.Taken), c.Organisation))
            .ToList();
        MayManage = (await college.AdministeredOrganisationsAsync(user, ct)).Count > 0;
    }

    private static string FirstSentence(string text)
    {
        var firstPara = text.Split('\n', 2)[0].Trim();
        return firstPara.Length <= 240 ? firstPara : firstPara[..240].TrimEnd() + "…";
    }
}
