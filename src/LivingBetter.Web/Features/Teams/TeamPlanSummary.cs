using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed record ActionRow(TeamAction Action, IReadOnlyList<(string Name, Perspective Perspective)> Leads, string? PriorityTitle, bool Overdue);

public sealed record ReviewRow(ReviewMeeting Meeting, IReadOnlyList<(string Name, Perspective Perspective)> Attendees);

/// <summary>The whole team plan in one place: the team page, the print page and the PDF show the same thing.</summary>
public sealed record TeamPlanSummary(
    Team Team,
    TeamPlan? Plan,
    IReadOnlyList<TeamPlan> EarlierPlans,
    IReadOnlyList<(string Name, TeamRole Role)> Members,
    IReadOnlyList<BenchmarkRound> Rounds,
    CollatedRound? Latest,
    IReadOnlyList<(TeamPriority Priority, string? Statement)> Priorities,
    IReadOnlyList<ActionRow> Actions,
    IReadOnlyList<ReviewRow> Reviews)
{
    public int OverdueCount => Actions.Count(a => a.Overdue);
}

public static class TeamPlanSummaries
{
    public static async Task<TeamPlanSummary> SummariseAsync(this TeamPlanService service, LivingBetterDbContext db, Team team, CancellationToken ct = default)
    {
        var plan = await service.CurrentPlanAsync(team.Id, ct);
        var earlier = await db.Set<TeamPlan>().AsNoTracking().Where(p => p.TeamId == team.Id && p.ClosedAt != null).OrderByDescending(p => p.CycleYear).ToListAsync(ct);
        var members = (await db.TeamMemberships.Where(m => m.TeamId == team.Id)
            .Select(m => new { m.User!.DisplayName, m.Role }).ToListAsync(ct))
            .OrderBy(m => m.Role is TeamRole.Staff or TeamRole.TeamLead ? 0 : 1).ThenBy(m => m.DisplayName, StringComparer.CurrentCulture)
            .Select(m => (m.DisplayName, m.Role)).ToList();
        var rounds = await service.RoundsAsync(team.Id, ct);
        var latest = rounds.Count == 0 ? null : await service.CollateAsync(rounds[^1], ct);
        if (plan is null)
        {
            return new TeamPlanSummary(team, null, earlier, members, rounds, latest, [], [], []);
        }

        var names = await db.Users.Where(u => db.TeamMemberships.Any(m => m.TeamId == team.Id && m.UserId == u.Id)
                || db.Set<ActionLead>().Any(l => l.UserId == u.Id && db.Set<TeamAction>().Any(a => a.Id == l.ActionId && a.TeamPlanId == plan.Id))
                || db.Set<ReviewAttendee>().Any(x => x.UserId == u.Id && db.Set<ReviewMeeting>().Any(m => m.Id == x.MeetingId && m.TeamPlanId == plan.Id)))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "A former member");

        var statementText = await db.Set<BenchmarkStatement>().AsNoTracking()
            .Where(s => db.Set<TeamPriority>().Any(p => p.TeamPlanId == plan.Id && p.StatementId == s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Text, ct);
        var priorities = (await db.Set<TeamPriority>().AsNoTracking().Where(p => p.TeamPlanId == plan.Id).ToListAsync(ct))
            .OrderBy(p => p.Kind).ThenBy(p => p.CreatedAt)
            .Select(p => (p, p.StatementId is { } sid ? statementText.GetValueOrDefault(sid) : null)).ToList();
        var priorityTitles = priorities.ToDictionary(p => p.p.Id, p => p.p.Title);

        var today = service.Today;
        var actions = (await db.Set<TeamAction>().AsNoTracking().Include(a => a.Leads).Include(a => a.Updates)
                .Where(a => a.TeamPlanId == plan.Id).ToListAsync(ct))
            .OrderBy(a => a.IsOpen ? 0 : 1).ThenBy(a => a.DueDate)
            .Select(a => new ActionRow(a,
                a.Leads.Select(l => (Name(l.UserId), l.Perspective)).ToList(),
                a.PriorityId is { } pid ? priorityTitles.GetValueOrDefault(pid) : null,
                a.IsOverdue(today)))
            .ToList();
        var reviews = (await db.Set<ReviewMeeting>().AsNoTracking().Include(m => m.Attendees)
                .Where(m => m.TeamPlanId == plan.Id).ToListAsync(ct))
            .OrderByDescending(m => m.Date)
            .Select(m => new ReviewRow(m, m.Attendees.Select(x => (Name(x.UserId), x.Perspective)).ToList()))
            .ToList();
        return new TeamPlanSummary(team, plan, earlier, members, rounds, latest, priorities, actions, reviews);
    }
}
