using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

public sealed record CourseSummaryDto(Guid Id, string Title, string Organisation, string[] Audience, string Place, int Capacity, int PlacesLeft, DateTimeOffset[] SessionStarts);

/// <summary>The prospectus as JSON, for other services' websites. Read-only and open, like the prospectus page.</summary>
public static class CollegeApi
{
    public static IEndpointRouteBuilder MapCollegeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/college/courses", async (LivingBetterDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var rows = await db.Set<Course>().AsNoTracking()
                .Where(c => c.WithdrawnAt == null && c.Sessions.Any(s => s.EndsAt > now))
                .Select(c => new
                {
                    c.Id,
                    c.Title,
                    Organisation = c.Organisation!.Name,
                    c.Audience,
                    c.Place,
                    c.Capacity,
                    Taken = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled),
                    Starts = c.Sessions.OrderBy(s => s.Number).Select(s => s.StartsAt).ToList(),
                })
                .ToListAsync(ct);
            return rows.OrderBy(r => r.Starts.FirstOrDefault())
                .Select(r => new CourseSummaryDto(r.Id, r.Title, r.Organisation,
                    Enum.GetValues<CourseAudience>().Where(a => a != CourseAudience.None && r.Audience.HasFlag(a)).Select(a => a.ToString()).ToArray(),
                    r.Place, r.Capacity, Math.Max(0, r.Capacity - r.Taken), r.Starts.ToArray()))
                .ToList();
        })
        .AllowAnonymous()
        .WithName("ListCollegeCourses")
        .WithSummary("Recovery College courses still running or open for booking, with places left.");
        return app;
    }
}
