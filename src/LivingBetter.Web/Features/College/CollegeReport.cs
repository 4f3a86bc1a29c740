using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

public sealed record FeedbackSummary(int Responses, IReadOnlyList<int> RatingCounts, IReadOnlyList<string> MostUseful, IReadOnlyList<string> WouldChange)
{
    public bool Shown => Responses >= CollegeWording.SmallNumber;
}

/// <summary>What followed a course: how many who came then wrote or updated a plan within three months.</summary>
public sealed record WhatFollowed(int Attended, int WithPlanActivity, int StayingWell, int Wellbeing, DateTimeOffset WindowEnds, bool WindowComplete);

/// <summary>Counts for the college. Nothing here names a person; small numbers are suppressed by the pages.</summary>
public sealed class CollegeReport(LivingBetterDbContext db, TimeProvider time)
{
    public async Task<FeedbackSummary> FeedbackAsync(Guid courseId, CancellationToken ct = default)
    {
        var rows = await db.Set<CourseFeedback>().AsNoTracking().Where(f => f.CourseId == courseId)
            .Select(f => new { f.HopeAndControl, f.MostUseful, f.WouldChange }).ToListAsync(ct);
        var counts = Enumerable.Range(1, 5).Select(r => rows.Count(x => x.HopeAndControl == r)).ToList();
        if (rows.Count < CollegeWording.SmallNumber)
        {
            return new FeedbackSummary(rows.Count, [], [], []);
        }
        // Sorted, so the order of answers cannot be matched to the order people came in.
        return new FeedbackSummary(rows.Count, counts,
            rows.Select(r => r.MostUseful).Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList(),
            rows.Select(r => r.WouldChange).Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList());
    }

    public async Task<WhatFollowed?> WhatFollowedAsync(Guid courseId, CancellationToken ct = default)
    {
        var sessions = await db.Set<CourseSession>().Where(s => s.CourseId == courseId).Select(s => s.EndsAt).ToListAsync(ct);
        if (sessions.Count == 0)
        {
            return null;
        }
        var from = sessions.Max();
        var until = from.AddMonths(3);
        var attendees = db.Set<Enrolment>()
            .Where(e => e.CourseId == courseId && e.Attendance.Any(a => a.Attended))
            .Select(e => e.UserId);
        var attended = await attendees.CountAsync(ct);
        // Only people with their own record who have not opted out of being counted.
        var people = db.People.Where(p => p.UserId != null && attendees.Contains(p.UserId.Value) && !p.OptedOutOfReporting).Select(p => p.Id);
        var active = await db.Plans.AsNoTracking()
            .Where(p => people.Contains(p.PersonId))
            .Where(p => (p.CreatedAt >= from && p.CreatedAt <= until)
                || (p.UpdatedAt >= from && p.UpdatedAt <= until)
                || p.Sections.Any(s => s.UpdatedAt >= from && s.UpdatedAt <= until))
            .Select(p => new { p.PersonId, p.Kind })
            .ToListAsync(ct);
        return new WhatFollowed(
            attended,
            active.Select(a => a.PersonId).Distinct().Count(),
            active.Where(a => a.Kind == PlanKind.StayingWell).Select(a => a.PersonId).Distinct().Count(),
            active.Where(a => a.Kind == PlanKind.Wellbeing).Select(a => a.PersonId).Distinct().Count(),
            until,
            until <= time.GetUtcNow());
    }
}
