using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Auth;

/// <summary>What someone may do with one part of a person's record, from least to most.</summary>
public enum AccessLevel
{
    None,
    View,
    Suggest,
    Owner,
}

/// <summary>The outcome of an access check that succeeded: the person and how far the caller may go.</summary>
public sealed record PersonAccessGrant(Person Person, AccessLevel Level)
{
    public bool IsOwner => Level == AccessLevel.Owner;
    public bool CanSuggest => Level >= AccessLevel.Suggest;
}

/// <summary>
/// The one place that decides who may see a person's data. Everything is read from the database on
/// every request (nothing cached in cookies), so a withdrawn or expired grant stops working at once.
/// Every decision, allowed or denied, is written to the access log.
/// </summary>
public sealed class PersonAccess(LivingBetterDbContext db, CurrentUser user, TimeProvider time, AuditLog audit)
{
    /// <summary>The signed-in user's own person record, if they have one.</summary>
    public Task<Person?> MyPersonAsync(CancellationToken ct = default)
    {
        var id = user.Id;
        return id is null
            ? Task.FromResult<Person?>(null)
            : db.People.FirstOrDefaultAsync(p => p.UserId == id, ct);
    }

    /// <summary>How far the current user may go with <paramref name="part"/> of the person's record.</summary>
    public async Task<AccessLevel> LevelAsync(Person person, SharedPart part, CancellationToken ct = default)
    {
        if (user.Id is not { } userId)
        {
            return AccessLevel.None;
        }
        if (person.UserId == userId)
        {
            return AccessLevel.Owner;
        }
        var now = time.GetUtcNow();
        // The whole staying-well plan includes its crisis plan.
        var parts = part == SharedPart.CrisisPlan ? new[] { SharedPart.CrisisPlan, SharedPart.StayingWellPlan } : [part];
        var myTeams = db.TeamMemberships
            .Where(m => m.UserId == userId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .Select(m => m.TeamId);
        var grants = await db.SharingGrants.AsNoTracking()
            .Where(g => g.PersonId == person.Id && parts.Contains(g.Part) && g.WithdrawnAt == null)
            .Where(g => g.GranteeUserId == userId || (g.GranteeTeamId != null && myTeams.Contains(g.GranteeTeamId.Value)))
            .Select(g => new { g.Access, g.ExpiresAt })
            .ToListAsync(ct);
        var level = grants
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now)
            .Select(g => g.Access == ShareAccess.Suggest ? AccessLevel.Suggest : AccessLevel.View)
            .DefaultIfEmpty(AccessLevel.None)
            .Max();

        // A record staff started with someone who has no account yet is worked on together by their
        // care team until the person claims it; staff still only suggest, never own.
        if (level < AccessLevel.Suggest && person.UserId is null)
        {
            var caredForByMyTeam = await db.CareEpisodes.AnyAsync(
                c => c.PersonId == person.Id && (c.EndedAt == null || c.EndedAt > now) && myTeams.Contains(c.TeamId), ct);
            if (caredForByMyTeam)
            {
                level = AccessLevel.Suggest;
            }
        }
        return level;
    }

    /// <summary>
    /// Loads the person and checks access, recording the attempt. Returns null when the person does not
    /// exist or the caller may not do this, so callers answer 404 and reveal nothing.
    /// </summary>
    public async Task<PersonAccessGrant?> RequireAsync(Guid personId, SharedPart part, AccessLevel minimum, string action, CancellationToken ct = default)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            await audit.RecordAsync(null, action, part.ToString(), AuditOutcome.Denied, ct);
            return null;
        }
        var level = await LevelAsync(person, part, ct);
        var allowed = level >= minimum && level != AccessLevel.None;
        await audit.RecordAsync(person.Id, action, part.ToString(), allowed ? AuditOutcome.Allowed : AuditOutcome.Denied, ct);
        return allowed ? new PersonAccessGrant(person, level) : null;
    }
}
