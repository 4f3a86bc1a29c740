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

/// <summary>Someone whose record the caller may see some part of; <see cref="IsMe"/> for the caller's own.</summary>
public sealed record VisiblePerson(Guid Id, string Name, bool IsMe);

/// <summary>The person and the parts the caller may see (only those above <see cref="AccessLevel.None"/>).</summary>
public sealed record PersonAccessSummary(Person Person, IReadOnlyDictionary<SharedPart, AccessLevel> Parts);

/// <summary>
/// The one place that decides who may see a person's data. Everything is read from the database on
/// every request (nothing cached in cookies), so a withdrawn or expired grant stops working at once.
/// Every decision, allowed or denied, is written to the access log.
/// </summary>
public sealed class PersonAccess(LivingBetterDbContext db, CurrentUser user, TimeProvider time, AuditLog audit)
{
    /// <summary>The signed-in user's own person record, if they have one (and an API token they came with reaches it).</summary>
    public Task<Person?> MyPersonAsync(CancellationToken ct = default)
    {
        var id = user.Id;
        var only = user.TokenScope.PersonId;
        return id is null
            ? Task.FromResult<Person?>(null)
            : db.People.FirstOrDefaultAsync(p => p.UserId == id && (only == null || p.Id == only), ct);
    }

    /// <summary>
    /// The people whose records the signed-in user may see some part of now (their own first, marked), for choosing
    /// one: the same rules as <see cref="LevelsAsync"/>, over every person at once.
    /// </summary>
    public async Task<IReadOnlyList<VisiblePerson>> VisiblePeopleAsync(CancellationToken ct = default)
    {
        if (user.Id is not { } userId)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var myTeams = TeamsWorkedInAsStaff(userId);
        // Expiry is compared here, against the clock, as LevelsAsync does.
        var grants = await db.SharingGrants.AsNoTracking()
            .Where(g => g.WithdrawnAt == null)
            .Where(g => g.GranteeUserId == userId || (g.GranteeTeamId != null && myTeams.Contains(g.GranteeTeamId.Value)))
            .Select(g => new { g.PersonId, g.ExpiresAt })
            .ToListAsync(ct);
        var shared = grants.Where(g => g.ExpiresAt is null || g.ExpiresAt > now).Select(g => g.PersonId).Distinct().ToList();
        var started = await db.CareEpisodes.AsNoTracking()
            .Where(c => c.Person!.UserId == null && (c.EndedAt == null || c.EndedAt > now) && myTeams.Contains(c.TeamId))
            .Select(c => c.PersonId).Distinct().ToListAsync(ct);
        var people = await db.People.AsNoTracking()
            .Where(p => p.UserId == userId || shared.Contains(p.Id) || started.Contains(p.Id))
            .Select(p => new VisiblePerson(p.Id, p.PreferredName, p.UserId == userId))
            .ToListAsync(ct);
        return [.. people.OrderByDescending(p => p.IsMe).ThenBy(p => p.Name, StringComparer.CurrentCulture).ThenBy(p => p.Id)];
    }

    /// <summary>How far the current user may go with <paramref name="part"/> of the person's record.</summary>
    public async Task<AccessLevel> LevelAsync(Person person, SharedPart part, CancellationToken ct = default) =>
        (await LevelsAsync(person, ct))[part];

    /// <summary>
    /// How far the current user may go with every part of the person's record, in one read: what the account may do,
    /// within what the API token the request came with reaches (<see cref="TokenScope"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<SharedPart, AccessLevel>> LevelsAsync(Person person, CancellationToken ct = default)
    {
        var levels = await AccountLevelsAsync(person, ct);
        var scope = user.TokenScope;
        if (scope.IsNarrow)
        {
            foreach (var part in levels.Keys.ToList())
            {
                levels[part] = scope.Limit(person.Id, part, levels[part]);
            }
        }
        return levels;
    }

    private async Task<Dictionary<SharedPart, AccessLevel>> AccountLevelsAsync(Person person, CancellationToken ct)
    {
        var levels = Enum.GetValues<SharedPart>().ToDictionary(p => p, _ => AccessLevel.None);
        if (user.Id is not { } userId)
        {
            return levels;
        }
        if (person.UserId == userId)
        {
            foreach (var p in levels.Keys)
            {
                levels[p] = AccessLevel.Owner;
            }
            return levels;
        }
        var now = time.GetUtcNow();
        await foreach (var g in GrantsTo(db, person.Id, userId).WithCancellation(ct))
        {
            if (g.ExpiresAt is { } expires && expires <= now)
            {
                continue;
            }
            var level = g.Access == ShareAccess.Suggest ? AccessLevel.Suggest : AccessLevel.View;
            // The whole staying-well plan includes its crisis plan; a crisis-plan grant covers nothing else.
            foreach (var covered in g.Part == SharedPart.StayingWellPlan ? [SharedPart.StayingWellPlan, SharedPart.CrisisPlan] : new[] { g.Part })
            {
                if (levels[covered] < level)
                {
                    levels[covered] = level;
                }
            }
        }

        // A record staff started with someone who has no account yet is worked on together by their
        // care team until the person claims it; staff still only suggest, never own.
        if (person.UserId is null && levels.Values.Any(l => l < AccessLevel.Suggest))
        {
            var myTeams = TeamsWorkedInAsStaff(userId);
            var caredForByMyTeam = await db.CareEpisodes.AnyAsync(
                c => c.PersonId == person.Id && (c.EndedAt == null || c.EndedAt > now) && myTeams.Contains(c.TeamId), ct);
            if (caredForByMyTeam)
            {
                foreach (var p in levels.Keys.Where(p => levels[p] < AccessLevel.Suggest).ToList())
                {
                    levels[p] = AccessLevel.Suggest;
                }
            }
        }
        return levels;
    }

    /// <summary>The teams the user works in as staff or team lead, whose shares and started records they see (as a subquery).</summary>
    private IQueryable<Guid> TeamsWorkedInAsStaff(Guid userId) =>
        db.TeamMemberships.Where(m => m.UserId == userId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead)).Select(m => m.TeamId);

    private sealed record GrantRow(SharedPart Part, ShareAccess Access, DateTimeOffset? ExpiresAt);

    // Compiled once: every look at someone else's record asks it. The grants not withdrawn that name the user
    // or a team the user works in as staff or team lead (expiry is checked by the caller, against the clock). The
    // teams' condition is written out here, as TeamsWorkedInAsStaff has it: a compiled query cannot call a method.
    private static readonly Func<LivingBetterDbContext, Guid, Guid, IAsyncEnumerable<GrantRow>> GrantsTo =
        EF.CompileAsyncQuery((LivingBetterDbContext db, Guid personId, Guid userId) =>
            db.SharingGrants.AsNoTracking()
                .Where(g => g.PersonId == personId && g.WithdrawnAt == null)
                .Where(g => g.GranteeUserId == userId || (g.GranteeTeamId != null && db.TeamMemberships
                    .Where(m => m.UserId == userId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
                    .Select(m => m.TeamId).Contains(g.GranteeTeamId.Value)))
                .Select(g => new GrantRow(g.Part, g.Access, g.ExpiresAt)));

    /// <summary>
    /// Loads the person when the caller may see at least one part, recording the attempt; for pages that
    /// list what has been shared rather than show one part. Null means answer 404.
    /// </summary>
    public async Task<PersonAccessSummary?> RequireAnyAsync(Guid personId, string action, CancellationToken ct = default)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            await audit.RecordAsync(null, action, AnyPart, AuditOutcome.Denied, ct);
            return null;
        }
        var levels = await LevelsAsync(person, ct);
        var visible = levels.Where(l => l.Value > AccessLevel.None).ToDictionary(l => l.Key, l => l.Value);
        await audit.RecordAsync(person.Id, action, AnyPart, visible.Count > 0 ? AuditOutcome.Allowed : AuditOutcome.Denied, ct);
        return visible.Count > 0 ? new PersonAccessSummary(person, visible) : null;
    }

    /// <summary>The access log's name for "which parts are shared with me", which shows no part's content.</summary>
    public const string AnyPart = "SharedParts";

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
        return await RequireAsync(person, part, minimum, action, ct);
    }

    /// <summary>
    /// As above, for a person already loaded with the data asked for (one round trip fewer on hot API
    /// paths). The data must not be returned unless this grants access; the decision is recorded the same way.
    /// </summary>
    public async Task<PersonAccessGrant?> RequireAsync(Person person, SharedPart part, AccessLevel minimum, string action, CancellationToken ct = default)
    {
        var level = await LevelAsync(person, part, ct);
        var allowed = level >= minimum && level != AccessLevel.None;
        await audit.RecordAsync(person.Id, action, part.ToString(), allowed ? AuditOutcome.Allowed : AuditOutcome.Denied, ct);
        return allowed ? new PersonAccessGrant(person, level) : null;
    }
}
