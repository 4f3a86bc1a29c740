using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>What people have shared with the signed-in user, directly or through one of their teams.</summary>
public sealed class SharedWithMe(LivingBetterDbContext db, CurrentUser current, TimeProvider time)
{
    public sealed record SharedPartRow(SharedPart Part, ShareAccess Access, DateTimeOffset? ExpiresAt, string? ViaTeam);

    public sealed record PersonRow(Guid PersonId, string Name, string? Relationship, IReadOnlyList<SharedPartRow> Parts);

    /// <summary>People I support (an active supporter link), with what each shares with me.</summary>
    public async Task<IReadOnlyList<PersonRow>> SupportedAsync(CancellationToken ct = default)
    {
        var me = current.RequiredId;
        var people = await db.SupporterLinks.AsNoTracking()
            .Where(l => l.SupporterUserId == me && l.EndedAt == null)
            .Select(l => new { l.PersonId, l.Person!.PreferredName, l.Relationship })
            .ToListAsync(ct);
        var grants = await GrantsAsync(people.Select(p => p.PersonId).ToList(), [], ct);
        return people.OrderBy(p => p.PreferredName)
            .Select(p => new PersonRow(p.PersonId, p.PreferredName, p.Relationship, grants.GetValueOrDefault(p.PersonId) ?? []))
            .ToList();
    }

    /// <summary>People my teams support now (open care episodes), with only what each shares with me or my teams.</summary>
    public async Task<IReadOnlyList<PersonRow>> CaseloadAsync(CancellationToken ct = default)
    {
        var me = current.RequiredId;
        var now = time.GetUtcNow();
        var teams = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == me && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .Select(m => new { m.TeamId, m.Team!.Name }).ToListAsync(ct);
        var teamIds = teams.Select(t => t.TeamId).ToList();
        var people = await db.CareEpisodes.AsNoTracking()
            .Where(c => teamIds.Contains(c.TeamId) && (c.EndedAt == null || c.EndedAt > now))
            .Select(c => new { c.PersonId, c.Person!.PreferredName })
            .Distinct()
            .ToListAsync(ct);
        var grants = await GrantsAsync(people.Select(p => p.PersonId).Distinct().ToList(), teams.ToDictionary(t => t.TeamId, t => t.Name), ct);
        return people.DistinctBy(p => p.PersonId).OrderBy(p => p.PreferredName)
            .Select(p => new PersonRow(p.PersonId, p.PreferredName, null, grants.GetValueOrDefault(p.PersonId) ?? []))
            .ToList();
    }

    private async Task<Dictionary<Guid, List<SharedPartRow>>> GrantsAsync(List<Guid> personIds, Dictionary<Guid, string> myTeams, CancellationToken ct)
    {
        var me = current.RequiredId;
        var now = time.GetUtcNow();
        var teamIds = myTeams.Keys.ToList();
        var grants = await db.SharingGrants.AsNoTracking()
            .Where(g => personIds.Contains(g.PersonId) && g.WithdrawnAt == null)
            .Where(g => g.GranteeUserId == me || (g.GranteeTeamId != null && teamIds.Contains(g.GranteeTeamId.Value)))
            .ToListAsync(ct);
        return grants.Where(g => g.IsCurrent(now))
            .GroupBy(g => g.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Part)
                .Select(x => new SharedPartRow(x.Part, x.Access, x.ExpiresAt, x.GranteeTeamId is { } t ? myTeams.GetValueOrDefault(t) : null))
                .ToList());
    }
}
