using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>
/// Who the demo people share with, so that every demo role has something real to see: Alex shares the
/// crisis plan with Sam and both plans with the care team; many others share with their supporter or team,
/// and some have withdrawn or let a grant run out.
/// </summary>
public sealed class SharingDemoSeeder : IDemoSeeder
{
    public int Order => 5;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        // Its own random source, so adding sharing does not change what other seeders draw.
        var random = new Random(5);
        var alex = context.People[0];
        var home = context.Teams[0];
        var sam = context.Accounts[DemoAccounts.Supporter.Key];
        var grants = new List<SharingGrant>
        {
            Grant(alex.Id, sam.Id, null, SharedPart.CrisisPlan, ShareAccess.View, context.HistoryStart.AddDays(12)),
            Grant(alex.Id, null, home.Id, SharedPart.StayingWellPlan, ShareAccess.Suggest, context.HistoryStart.AddDays(3)),
            Grant(alex.Id, null, home.Id, SharedPart.WellbeingPlan, ShareAccess.Suggest, context.HistoryStart.AddDays(3)),
        };
        // A grant Alex ended, which shows in Alex's log and no longer works.
        var ended = Grant(alex.Id, sam.Id, null, SharedPart.WellbeingPlan, ShareAccess.View, context.HistoryStart.AddDays(40));
        ended.WithdrawnAt = context.HistoryStart.AddDays(95);
        grants.Add(ended);

        var supporters = await db.SupporterLinks.AsNoTracking()
            .Where(l => l.PersonId != alex.Id)
            .Select(l => new { l.PersonId, l.SupporterUserId, l.CreatedAt })
            .ToListAsync(ct);
        foreach (var link in supporters.Where(_ => random.NextDouble() < 0.7))
        {
            grants.Add(Grant(link.PersonId, link.SupporterUserId, null, SharedPart.CrisisPlan, ShareAccess.View, link.CreatedAt.AddDays(1)));
        }
        var episodes = await db.CareEpisodes.AsNoTracking()
            .Where(c => c.PersonId != alex.Id && c.EndedAt == null && c.Person!.UserId != null)
            .Select(c => new { c.PersonId, c.TeamId, c.StartedAt })
            .ToListAsync(ct);
        foreach (var episode in episodes)
        {
            var roll = random.NextDouble();
            if (roll < 0.45)
            {
                grants.Add(Grant(episode.PersonId, null, episode.TeamId, SharedPart.WellbeingPlan, ShareAccess.Suggest, episode.StartedAt.AddDays(7)));
                grants.Add(Grant(episode.PersonId, null, episode.TeamId, SharedPart.CrisisPlan, ShareAccess.View, episode.StartedAt.AddDays(7)));
            }
            else if (roll < 0.6)
            {
                var expired = Grant(episode.PersonId, null, episode.TeamId, SharedPart.CrisisPlan, ShareAccess.View, episode.StartedAt.AddDays(7));
                expired.ExpiresAt = episode.StartedAt.AddDays(90) < context.Now ? episode.StartedAt.AddDays(90) : context.Now.AddDays(30);
                grants.Add(expired);
            }
        }
        db.SharingGrants.AddRange(grants);
    }

    private static SharingGrant Grant(Guid personId, Guid? userId, Guid? teamId, SharedPart part, ShareAccess access, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        GranteeUserId = userId,
        GranteeTeamId = teamId,
        Part = part,
        Access = access,
        CreatedAt = at,
    };
}
