using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>
/// Who can read a part of a person's record right now, in plain sentences, so pages can tell the person
/// at the moment of writing who will see their words.
/// </summary>
public sealed class SharingSummary(LivingBetterDbContext db, TimeProvider time)
{
    public const string OnlyYou = "Only you can see this.";

    public async Task<IReadOnlyList<string>> ReadersAsync(Guid personId, SharedPart part, CancellationToken ct = default)
    {
        var grants = await CurrentGrantsAsync(personId, ct);
        // A staying-well plan grant also covers its crisis plan.
        var covering = grants.Where(g => g.Grant.Part == part || (part == SharedPart.CrisisPlan && g.Grant.Part == SharedPart.StayingWellPlan));
        var sentences = covering
            .Select(g => $"{g.Grantee} {SharingWords.Verb(g.Grant.Access)} this {SharingWords.Until(g.Grant.ExpiresAt)}.")
            .Distinct()
            .ToList();

        var now = time.GetUtcNow();
        var unclaimed = await db.People.AnyAsync(p => p.Id == personId && p.UserId == null, ct);
        if (unclaimed)
        {
            var teams = await db.CareEpisodes.Where(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now))
                .Select(c => c.Team!.Name).Distinct().ToListAsync(ct);
            sentences.AddRange(teams.Order().Select(t => $"Staff in {t} can see and suggest changes to this while they support you."));
        }
        return sentences.Count == 0 ? [OnlyYou] : sentences;
    }

    public sealed record NamedGrant(SharingGrant Grant, string Grantee);

    /// <summary>The person's current grants with each grantee named the way the person knows them.</summary>
    public async Task<IReadOnlyList<NamedGrant>> CurrentGrantsAsync(Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await db.SharingGrants.AsNoTracking()
            .Where(g => g.PersonId == personId && g.WithdrawnAt == null)
            .Select(g => new
            {
                Grant = g,
                UserName = g.GranteeUser != null ? g.GranteeUser.DisplayName : null,
                TeamName = g.GranteeTeam != null ? g.GranteeTeam.Name : null,
                Relationship = db.SupporterLinks
                    .Where(l => l.PersonId == personId && l.SupporterUserId == g.GranteeUserId && l.EndedAt == null)
                    .Select(l => l.Relationship).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows
            .Where(r => r.Grant.IsCurrent(now))
            .OrderBy(r => r.Grant.Part).ThenBy(r => r.UserName ?? r.TeamName)
            .Select(r => new NamedGrant(r.Grant,
                r.TeamName is not null ? $"{r.TeamName} (your care team)"
                : r.Relationship is not null ? $"{r.UserName} ({r.Relationship})"
                : $"{r.UserName} (staff)"))
            .ToList();
    }
}
