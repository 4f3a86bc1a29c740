using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// One record Priya (the demo care co-ordinator) started with someone on the ward, with a goal they wrote
/// together and a claim code printed in the README, so a tester can claim it. Runs last and draws no random
/// numbers, so the rest of the demo data stays as it was.
/// </summary>
public sealed class RecordsDemoSeeder : IDemoSeeder
{
    /// <summary>The demo claim code in the README. It works once per demo database.</summary>
    public const string DemoClaimCode = "STAR-T2GE-THER";
    public const string DemoPersonName = "Robin";

    public int Order => 90;

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        if (!context.Accounts.TryGetValue(DemoAccounts.Staff.Key, out var staff) || context.Teams.Count == 0)
        {
            return Task.CompletedTask;
        }
        var team = context.Teams[0];
        var now = context.Now;
        var started = now.AddDays(-3);
        var person = new Person { Id = Guid.NewGuid(), PreferredName = DemoPersonName, BirthYear = 1999, StartedByUserId = staff.Id, CreatedAt = started };
        var plan = new Plan { Id = Guid.NewGuid(), PersonId = person.Id, Kind = PlanKind.Wellbeing, CreatedAt = started, UpdatedAt = started };
        var goals = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = PlanStructure.Goals, Version = 0, State = SectionState.NotStarted, UpdatedAt = started };
        var entities = new List<object>
        {
            person,
            new StartedRecord
            {
                Id = Guid.NewGuid(), PersonId = person.Id, TeamId = team.Id, StartedByUserId = staff.Id, FullName = "Robin Hartley",
                PersonAgreedAt = started, StartedAt = started,
            },
            new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = team.Id, CareCoordinatorUserId = staff.Id, StartedAt = started },
            plan,
            goals,
            new SectionSuggestion
            {
                Id = Guid.NewGuid(),
                SectionId = goals.Id,
                SuggestedByUserId = staff.Id,
                BaseVersion = 0,
                CreatedAt = started,
                Status = SuggestionStatus.Pending,
                WrittenTogether = true,
                Note = "We wrote this together on the ward. Change anything that isn't how you'd say it.",
                Content = GoalSuggestions.Serialize(new Goal
                {
                    Id = Guid.NewGuid(),
                    Words = "Go back to the allotment every week",
                    WhyItMatters = "Being outside and growing things is when I feel most like me.",
                    Steps = [new GoalStep { Id = Guid.NewGuid(), Text = "Ask my brother to come with me the first time", WhoHelps = "My brother" }],
                }),
            },
            new Invitation
            {
                Id = Guid.NewGuid(),
                Kind = InvitationKind.ClaimRecord,
                TokenHash = ClaimCodes.Hash(DemoClaimCode)!,
                InvitedByUserId = staff.Id,
                PersonId = person.Id,
                TeamId = team.Id,
                CreatedAt = started,
                // Longer than a real code lasts, so the demo keeps working for a year after it is seeded.
                ExpiresAt = now.AddYears(1),
            },
        };
        foreach (var (part, access) in StartedRecordsService.TeamGrants)
        {
            entities.Add(new SharingGrant { Id = Guid.NewGuid(), PersonId = person.Id, GranteeTeamId = team.Id, Part = part, Access = access, CreatedAt = started });
        }
        context.Db.AddRange(entities);
        return Task.CompletedTask;
    }
}
