using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>
/// Demo team plans at different stages: Morgan's team (the first team) mid-cycle with two benchmarking
/// rounds showing progress, priorities, jointly led actions (one overdue) and a review; the second team
/// just starting; the third a year on, with last year's plan closed by an annual review.
/// </summary>
public sealed class TeamPlanDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    private static readonly string[] RatingComments =
    [
        "We do this with some people but not everyone.",
        "I have seen this get better since the café started.",
        "Not how it feels on a busy day.",
        "Staff are kind, but it still feels like them and us sometimes.",
        "We could learn a lot from the peer workers here.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var random = context.Random;
        var now = context.Now;
        var themes = DefaultFramework.Themes;
        var statementIds = DefaultFramework.StatementRows.Select(s => (s.Id, s.Key)).ToList();

        for (var teamIndex = 0; teamIndex < Math.Min(3, context.Teams.Count); teamIndex++)
        {
            var team = context.Teams[teamIndex];
            var staff = await db.TeamMemberships.Where(m => m.TeamId == team.Id).Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
            var people = context.People.Where((p, n) => n % context.Teams.Count == teamIndex && p.UserId is not null).Take(4).Select(p => p.UserId!.Value).ToList();
            foreach (var userId in people)
            {
                db.TeamMemberships.Add(new TeamMembership { Id = Guid.NewGuid(), TeamId = team.Id, UserId = userId, Role = TeamRole.PersonUsingService, JoinedAt = now.AddDays(-220) });
            }
            var members = staff.Select(s => (s.UserId, Perspective: TeamPlanRules.PerspectiveOf(s.Role)))
                .Concat(people.Select(p => (UserId: p, Perspective: Perspective.PersonUsingService))).ToList();
            var lead = staff.FirstOrDefault(s => s.Role == TeamRole.TeamLead)?.UserId ?? staff[0].UserId;
            var staffLead = staff.First(s => s.Role == TeamRole.Staff).UserId;

            if (teamIndex == 1)
            {
                // Just starting: the plan and its first round are open, and a few people have rated.
                var plan = NewPlan(team, now.Year, now.AddDays(-10), lead);
                var round = NewRound(plan, 1, now.AddDays(-7), null, null);
                db.AddRange(plan, round);
                foreach (var m in members.Take(3))
                {
                    Rate(db, random, round, m.UserId, m.Perspective, statementIds, 2, now.AddDays(-5));
                }
                db.Add(new TeamAsset { Id = Guid.NewGuid(), TeamId = team.Id, OwnerUserId = people[0], Kind = AssetKind.Language, Text = "I speak Urdu and Punjabi and am happy to help with translating leaflets.", Visibility = AssetVisibility.Team, CreatedAt = now.AddDays(-6) });
                continue;
            }

            var year = teamIndex == 2 ? now.Year - 1 : now.Year;
            var first = NewPlan(team, year, now.AddDays(-210), lead);
            var round1 = NewRound(first, 1, now.AddDays(-200), now.AddDays(-40), null);
            db.AddRange(first, round1);
            foreach (var m in members)
            {
                Rate(db, random, round1, m.UserId, m.Perspective, statementIds, m.Perspective == Perspective.Staff ? 3 : 2, now.AddDays(-195));
            }
            var agreed1 = statementIds.ToDictionary(s => s.Id, _ => random.Next(1, 4));
            foreach (var (id, score) in agreed1)
            {
                db.Add(new AgreedRating { Id = Guid.NewGuid(), RoundId = round1.Id, StatementId = id, Score = score, DiscussionNotes = score <= 1 ? "We agreed this is where we most want to start." : "", AgreedAt = now.AddDays(-190), AgreedByUserId = lead });
            }

            var quick = new TeamPriority { Id = Guid.NewGuid(), TeamPlanId = first.Id, Kind = PriorityKind.QuickWin, Title = "Everyone knows each other's names and something about each other", StatementId = statementIds[0].Id, CreatedAt = now.AddDays(-188) };
            var longer = new TeamPriority { Id = Guid.NewGuid(), TeamPlanId = first.Id, Kind = PriorityKind.LongerProject, Title = "People using the service help recruit new staff", StatementId = statementIds.First(s => s.Key == "recruitment").Id, CreatedAt = now.AddDays(-188) };
            var community = new TeamPriority { Id = Guid.NewGuid(), TeamPlanId = first.Id, Kind = PriorityKind.LongerProject, Title = "Build links with local community groups", StatementId = statementIds.First(s => s.Key == "opportunities").Id, CreatedAt = now.AddDays(-188) };
            db.AddRange(quick, longer, community);

            var person = people[0];
            var person2 = people.Count > 1 ? people[1] : people[0];
            var done = NewAction(first, quick, "Put up a 'getting to know each other' board with profiles of staff and people who use the service",
                "A board is up in the waiting area with at least ten profiles", DateOnly.FromDateTime(now.AddDays(-90).UtcDateTime), ActionStatus.Done,
                (lead, Perspective.Staff), (person, Perspective.PersonUsingService), now.AddDays(-185));
            done.CompletedAt = now.AddDays(-95);
            done.Updates.Add(new ActionUpdate { Id = Guid.NewGuid(), At = now.AddDays(-95), AuthorUserId = person, Status = ActionStatus.Done, Text = "The board is up with 14 profiles. People have started adding their own." });
            var inProgress = NewAction(first, longer, "Train three people who use the service to sit on interview panels",
                "Three people trained and on at least two interview panels each", DateOnly.FromDateTime(now.AddDays(75).UtcDateTime), ActionStatus.InProgress,
                (staffLead, Perspective.Staff), (person2, Perspective.PersonUsingService), now.AddDays(-180));
            inProgress.Updates.Add(new ActionUpdate { Id = Guid.NewGuid(), At = now.AddDays(-30), AuthorUserId = person2, Status = ActionStatus.InProgress, Text = "Two people have done the training. HR are finding a date for the third." });
            var overdue = NewAction(first, community, "Map the community groups near us, with the help of the team's assets list",
                "A list of at least 20 groups, shared with everyone in the team", DateOnly.FromDateTime(now.AddDays(-12).UtcDateTime), ActionStatus.InProgress,
                (staffLead, Perspective.Staff), (person, Perspective.PersonUsingService), now.AddDays(-150));
            overdue.WorkingGroup = "Allotment society volunteers; the library's community officer";
            db.AddRange(done, inProgress, overdue);

            var review = new ReviewMeeting
            {
                Id = Guid.NewGuid(),
                TeamPlanId = first.Id,
                Kind = ReviewKind.Review,
                Date = DateOnly.FromDateTime(now.AddDays(-60).UtcDateTime),
                Notes = "Held at the community meeting. The board is a real success. Interview training is slower than hoped; we asked HR for help. The community map needs more hands.",
                RecordedByUserId = lead,
                RecordedAt = now.AddDays(-60),
                Attendees = members.Take(5).Select(m => new ReviewAttendee { Id = Guid.NewGuid(), UserId = m.UserId, Perspective = m.Perspective }).ToList(),
            };
            db.Add(review);

            var plan2 = first;
            if (teamIndex == 2)
            {
                // A year on: last year's plan was closed by an annual review and this year's has begun.
                first.ClosedAt = now.AddDays(-41);
                first.AnnualReviewNotes = "We celebrated the profiles board and the first people on interview panels.";
                db.Add(new ReviewMeeting
                {
                    Id = Guid.NewGuid(),
                    TeamPlanId = first.Id,
                    Kind = ReviewKind.Annual,
                    Date = DateOnly.FromDateTime(now.AddDays(-41).UtcDateTime),
                    Notes = first.AnnualReviewNotes,
                    RecordedByUserId = lead,
                    RecordedAt = now.AddDays(-41),
                    Attendees = members.Take(4).Select(m => new ReviewAttendee { Id = Guid.NewGuid(), UserId = m.UserId, Perspective = m.Perspective }).ToList(),
                });
                plan2 = NewPlan(team, now.Year, now.AddDays(-41), lead);
                plan2.PreviousPlanId = first.Id;
                db.Add(plan2);
                inProgress.TeamPlanId = plan2.Id;
                overdue.TeamPlanId = plan2.Id;
            }

            // The second round, compared with the first: most statements have moved up a little.
            var round2 = NewRound(plan2, 2, now.AddDays(-40), null, round1.Id);
            db.Add(round2);
            foreach (var m in members)
            {
                Rate(db, random, round2, m.UserId, m.Perspective, statementIds, m.Perspective == Perspective.Staff ? 4 : 3, now.AddDays(-35));
            }
            foreach (var (id, score) in agreed1.Take(statementIds.Count - 4))
            {
                var better = Math.Min(5, score + random.Next(0, 3));
                db.Add(new AgreedRating { Id = Guid.NewGuid(), RoundId = round2.Id, StatementId = id, Score = better, DiscussionNotes = better > score ? "We can see the difference the profiles board made." : "", AgreedAt = now.AddDays(-30), AgreedByUserId = lead });
            }

            db.AddRange(
                new TeamAsset { Id = Guid.NewGuid(), TeamId = team.Id, OwnerUserId = person, Kind = AssetKind.Skill, Text = "I can build simple websites and help people get online.", Visibility = AssetVisibility.Team, CreatedAt = now.AddDays(-170) },
                new TeamAsset { Id = Guid.NewGuid(), TeamId = team.Id, OwnerUserId = person2, Kind = AssetKind.CommunityContact, Text = "I volunteer at the allotment society on Mill Lane; they welcome new members.", Visibility = AssetVisibility.Team, CreatedAt = now.AddDays(-160) },
                new TeamAsset { Id = Guid.NewGuid(), TeamId = team.Id, OwnerUserId = staffLead, Kind = AssetKind.Interest, Text = "Guitar and singing: I could help start a music group.", Visibility = AssetVisibility.Team, CreatedAt = now.AddDays(-160) },
                new TeamAsset { Id = Guid.NewGuid(), TeamId = team.Id, OwnerUserId = lead, Kind = AssetKind.LivedExperience, Text = "I have my own experience of depression and recovery, which I will talk about one to one if it helps.", Visibility = AssetVisibility.StaffOnly, CreatedAt = now.AddDays(-150) },
                new MemberProfile { Id = Guid.NewGuid(), TeamId = team.Id, UserId = lead, Likes = "Long walks and strong tea", Interests = "Cycling, baking bread", PreviousJobs = "Chef, then a nurse", FavouriteBookOrMusic = "Anything by Nina Simone, because it lifts me", TopTip = "Say yes to things, then work out how.", UpdatedAt = now.AddDays(-180) },
                new MemberProfile { Id = Guid.NewGuid(), TeamId = team.Id, UserId = person, Likes = "Quiet mornings, my dog", Interests = "Computers, photography", PreviousJobs = "IT support", FavouriteBookOrMusic = "The Hobbit", TopTip = "One small thing a day counts.", UpdatedAt = now.AddDays(-170) });
        }
    }

    private static TeamPlan NewPlan(Team team, int year, DateTimeOffset started, Guid by) =>
        new() { Id = Guid.NewGuid(), TeamId = team.Id, CycleYear = year, StartedAt = started, StartedByUserId = by };

    private static BenchmarkRound NewRound(TeamPlan plan, int number, DateTimeOffset opened, DateTimeOffset? closed, Guid? previous) =>
        new() { Id = Guid.NewGuid(), TeamPlanId = plan.Id, FrameworkId = DefaultFramework.Id, Number = number, OpenedAt = opened, ClosedAt = closed, PreviousRoundId = previous };

    private static void Rate(Data.LivingBetterDbContext db, Random random, BenchmarkRound round, Guid userId, Perspective perspective,
        List<(Guid Id, string Key)> statements, int centre, DateTimeOffset at)
    {
        foreach (var (id, _) in statements)
        {
            var score = Math.Clamp(centre + random.Next(-1, 2), 1, 5);
            db.Add(new BenchmarkRating
            {
                Id = Guid.NewGuid(),
                RoundId = round.Id,
                StatementId = id,
                UserId = userId,
                Perspective = perspective,
                Score = score,
                Comment = random.NextDouble() < 0.12 ? RatingComments[random.Next(RatingComments.Length)] : "",
                InMeeting = random.NextDouble() < 0.5,
                At = at,
            });
        }
    }

    private static TeamAction NewAction(TeamPlan plan, TeamPriority priority, string specific, string measure, DateOnly due, ActionStatus status,
        (Guid UserId, Perspective Perspective) staffLead, (Guid UserId, Perspective Perspective) personLead, DateTimeOffset created) =>
        new()
        {
            Id = Guid.NewGuid(),
            TeamPlanId = plan.Id,
            PriorityId = priority.Id,
            Specific = specific,
            Measure = measure,
            Achievable = "We have people in the team with the skills and time to do this.",
            Realistic = "It fits alongside our day-to-day work if we share it out.",
            DueDate = due,
            Status = status,
            CreatedAt = created,
            Leads =
            [
                new ActionLead { Id = Guid.NewGuid(), UserId = staffLead.UserId, Perspective = staffLead.Perspective },
                new ActionLead { Id = Guid.NewGuid(), UserId = personLead.UserId, Perspective = personLead.Perspective },
            ],
        };
}
