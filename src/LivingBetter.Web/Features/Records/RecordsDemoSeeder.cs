using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// Makes one of the demo's unclaimed records (started by Priya, the demo care co-ordinator, with a goal
/// written together) claimable with the code printed in the README. It reuses a record the earlier seeders
/// made rather than adding a person, runs last and draws no random numbers, so the rest of the demo data
/// stays as it was.
/// </summary>
public sealed class RecordsDemoSeeder : IDemoSeeder
{
    /// <summary>The demo claim code in the README. It works once per demo database.</summary>
    public const string DemoClaimCode = "STAR-T2GE-THER";
    public const string DemoPersonName = "Robin";
    public const string DemoFullName = "Robin Hartley";

    public int Order => 90;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        if (!context.Accounts.TryGetValue(DemoAccounts.Staff.Key, out var staff) || context.Teams.Count == 0)
        {
            return Task.CompletedTask;
        }
        var home = context.Teams[0];
        // An unclaimed person with a draft written together (a wellbeing plan is only seeded for those),
        // preferring one Priya's own team supports now.
        var drafted = context.People
            .Where(p => p.UserId is null && db.Plans.Local.Any(plan => plan.PersonId == p.Id && plan.Kind == PlanKind.Wellbeing))
            .ToList();
        var person = drafted.FirstOrDefault(p => db.CareEpisodes.Local.Any(c => c.PersonId == p.Id && c.TeamId == home.Id && c.EndedAt == null))
            ?? drafted.FirstOrDefault();
        if (person is null)
        {
            return Task.CompletedTask;
        }
        var started = context.Now.AddDays(-3);
        person.PreferredName = DemoPersonName;
        person.StartedByUserId = staff.Id;
        if (!db.CareEpisodes.Local.Any(c => c.PersonId == person.Id && c.TeamId == home.Id && c.EndedAt == null))
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = home.Id, CareCoordinatorUserId = staff.Id, StartedAt = started });
        }
        var planIds = db.Plans.Local.Where(p => p.PersonId == person.Id).Select(p => p.Id).ToHashSet();
        var sectionIds = db.PlanSections.Local.Where(s => planIds.Contains(s.PlanId)).Select(s => s.Id).ToHashSet();
        foreach (var draft in db.Set<SectionSuggestion>().Local.Where(s => sectionIds.Contains(s.SectionId) && s.WrittenTogether))
        {
            draft.SuggestedByUserId = staff.Id;
        }
        db.StartedRecords.Add(new StartedRecord
        {
            Id = Guid.NewGuid(),
            PersonId = person.Id,
            TeamId = home.Id,
            StartedByUserId = staff.Id,
            FullName = DemoFullName,
            PersonAgreedAt = started,
            StartedAt = started,
        });
        foreach (var (part, access) in StartedRecordsService.TeamGrants)
        {
            db.SharingGrants.Add(new SharingGrant { Id = Guid.NewGuid(), PersonId = person.Id, GranteeTeamId = home.Id, Part = part, Access = access, CreatedAt = started });
        }
        db.Invitations.Add(new Invitation
        {
            Id = Guid.NewGuid(),
            Kind = InvitationKind.ClaimRecord,
            TokenHash = ClaimCodes.Hash(DemoClaimCode)!,
            InvitedByUserId = staff.Id,
            PersonId = person.Id,
            TeamId = home.Id,
            CreatedAt = started,
            // Longer than a real code lasts, so the demo keeps working for a year after it is seeded.
            ExpiresAt = context.Now.AddYears(1),
        });
        return Task.CompletedTask;
    }
}
