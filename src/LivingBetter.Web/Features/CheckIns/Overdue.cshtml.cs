using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>
/// Staff reminders: people their teams support who share check-ins with them and whose check-in is
/// overdue by the person's own chosen frequency. People who have not shared are not listed at all.
/// </summary>
public sealed class OverdueModel(LivingBetterDbContext db, CurrentUser current, PersonAccess access, TimeProvider time) : PageModel
{
    /// <summary>Used for the reminder list only, when the person has not chosen: roughly monthly.</summary>
    public const int DefaultEveryDays = 28;

    public sealed record Row(Guid PersonId, string Name, DateTimeOffset? LastAt, DateTimeOffset? DueAt, string Frequency);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!current.IsStaff)
        {
            return NotFound();
        }
        var userId = current.RequiredId;
        var now = time.GetUtcNow();
        var myTeams = db.TeamMemberships
            .Where(m => m.UserId == userId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .Select(m => m.TeamId);
        var candidates = await db.People.AsNoTracking()
            .Where(p => p.CareEpisodes.Any(c => (c.EndedAt == null || c.EndedAt > now) && myTeams.Contains(c.TeamId)))
            .Where(p => db.SharingGrants.Any(g => g.PersonId == p.Id && g.Part == SharedPart.CheckIns && g.WithdrawnAt == null
                && (g.ExpiresAt == null || g.ExpiresAt > now)
                && (g.GranteeUserId == userId || (g.GranteeTeamId != null && myTeams.Contains(g.GranteeTeamId.Value)))))
            .Select(p => new
            {
                p.Id,
                p.PreferredName,
                Every = db.Set<CheckInSchedule>().Where(s => s.PersonId == p.Id).Select(s => (int?)s.EveryDays).FirstOrDefault(),
                Last = db.CheckIns.Where(c => c.PersonId == p.Id).OrderByDescending(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var c in candidates)
        {
            var every = c.Every ?? DefaultEveryDays;
            var due = CheckInService.Due(every, c.Last, now);
            if (!due.IsDue)
            {
                continue;
            }
            // Each person listed is a read of their data: check and log it the usual way.
            if (await access.RequireAsync(c.Id, SharedPart.CheckIns, AccessLevel.View, "checkins.overdue.list", ct) is null)
            {
                continue;
            }
            rows.Add(new Row(c.Id, c.PreferredName, c.Last, due.NextDueAt,
                c.Every is { } d ? CheckInService.FrequencyText(d) : "Not chosen (every 4 weeks assumed)"));
        }
        Rows = rows.OrderBy(r => r.DueAt ?? DateTimeOffset.MinValue).ThenBy(r => r.Name).ToList();
        return Page();
    }
}
