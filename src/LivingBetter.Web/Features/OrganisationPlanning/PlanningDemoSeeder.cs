using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.MakingItReal;
using LivingBetter.Web.Features.SelfAssessment;
using LivingBetter.Web.Features.Strategy;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.OrganisationPlanning;

/// <summary>
/// The demo organisation's planning: two self-assessments six months apart showing some progress,
/// a strategy in its Mobilise phase, two division plans (one with an overdue action), two Making
/// It Real checks with an action plan, and planned peer support worker posts. All wording invented.
/// </summary>
public sealed class PlanningDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    private static readonly int[] FirstRatings = [2, 1, 1, 2, 1, 1, 2, 1, 2, 1];
    private static readonly int[] SecondRatings = [3, 2, 2, 3, 2, 1, 3, 2, 2, 2];

    private static readonly string[] Goals =
    [
        "Every team uses the person's own words in their plan.",
        "Half of all training co-delivered by trainers with lived experience.",
        "A recovery college open to everyone, with a prospectus each term.",
        "Every board meeting opens with a story from someone using our services.",
        "Personal budgets offered at every care plan review where eligible.",
        "Safety plans written with the person, in their words, in every team.",
        "People who use services sit on every service redesign group.",
        "A peer support worker in every community team.",
        "Wellbeing support and reflective practice offered to every team.",
        "Employment and housing advice available through every team.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var org = context.Organisation;
        var now = context.Now;
        DateTimeOffset Day(int offset) => PlanningPageModel.AtMidnight(DateOnly.FromDateTime(now.AddDays(offset).UtcDateTime));
        var divisions = await db.Divisions.Where(d => d.OrganisationId == org.Id).ToListAsync(ct);
        var adult = divisions.First(d => d.Name == "Adult Mental Health Services");
        var older = divisions.First(d => d.Name == "Older People's Mental Health Services");

        // Self-assessment: spring and autumn, the second a little further on.
        foreach (var (held, ratings, evidence) in new[] { (Day(-210), FirstRatings, "First look, at a workshop with staff, people who use services and carers."), (Day(-28), SecondRatings, "Second workshop; the same group looked again at what had changed.") })
        {
            var round = new SelfAssessmentRound { Id = Guid.NewGuid(), OrganisationId = org.Id, HeldOn = held, Status = AssessmentStatus.Completed, CreatedAt = held };
            foreach (var challenge in Challenges.All)
            {
                round.Ratings.Add(new ChallengeRating
                {
                    Id = Guid.NewGuid(),
                    ChallengeKey = challenge.Key,
                    Rating = ratings[challenge.Key - 1],
                    Evidence = evidence,
                    GoalsForChange = Goals[challenge.Key - 1],
                    ProgressIndicators = "Reviewed at the next self-assessment against the goal.",
                    UpdatedAt = held,
                });
            }
            db.Add(round);
        }
        var divisionRound = new SelfAssessmentRound { Id = Guid.NewGuid(), OrganisationId = org.Id, DivisionId = adult.Id, HeldOn = Day(-14), Status = AssessmentStatus.InProgress, CreatedAt = Day(-14) };
        foreach (var challenge in Challenges.All)
        {
            divisionRound.Ratings.Add(new ChallengeRating { Id = Guid.NewGuid(), ChallengeKey = challenge.Key, Rating = challenge.Key <= 4 ? SecondRatings[challenge.Key - 1] : null });
        }
        db.Add(divisionRound);

        // Strategy: Activate done, Mobilise under way, Execute ahead.
        db.Add(new StrategyProgress { OrganisationId = org.Id, CurrentPhase = StrategyPhase.Mobilise, UpdatedAt = Day(-60) });
        var order = 0;
        string[] owners = ["Director of Transformation", "Chief Executive", "Head of Communications", "Director of Nursing", "Head of Learning and Development", "Director of Quality", "Deputy Chief Executive"];
        foreach (var (phase, title) in DivisionPlanParts.SuggestedTasks)
        {
            order++;
            var (status, due) = phase switch
            {
                StrategyPhase.Activate => (WorkStatus.Done, Day(-300 + order * 30)),
                StrategyPhase.Mobilise => order switch
                {
                    4 => (WorkStatus.Done, Day(-45)),
                    5 => (WorkStatus.InProgress, Day(40)),
                    6 => (WorkStatus.InProgress, Day(-10)),
                    _ => (WorkStatus.NotStarted, Day(90)),
                },
                _ => (WorkStatus.NotStarted, Day(120 + order * 20)),
            };
            db.Add(new StrategyTask
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                Phase = phase,
                Title = title,
                Owner = owners[order % owners.Length],
                DueOn = due,
                Status = status,
                Order = order,
                CreatedAt = Day(-330),
                Notes = status == WorkStatus.Done ? "Completed and reported to the board." : "",
            });
        }

        // Two division plans; the adult plan has one action past its date.
        var adultPlan = new DivisionActionPlan
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            DivisionId = adult.Id,
            CreatedAt = Day(-150),
            UpdatedAt = Day(-20),
            Version = 3,
            WellbeingMeaning = "For the adults we support, recovery means a life that feels worth living in their own terms: a home, people, purpose and hope, with or without symptoms.",
            Stakeholders = "Service user network; carers' forum; local voluntary mental health groups; housing and employment partners; GP practices; commissioners.",
            Resources = "Twelve peer support worker posts funded; a recovery college pilot; the wellbeing plan and check-ins in LivingBetter; a practice development nurse.",
            WorkforceCapacity = "Teams are stretched; most staff support the approach but want time to learn it.",
            StaffDevelopment = "Shared decision-making and co-produced safety planning for all community staff.",
            PeopleAndCarers = "People tell us reviews feel like assessments; carers want to be involved earlier.",
            StakeholderBarriers = "Commissioning measures count contacts rather than outcomes; partners are keen to co-deliver courses.",
            OtherBarriers = "Electronic record changes take months; rota pressures make training hard to attend.",
            Opportunities = "The recovery college pilot and peer workers in two teams show what works.",
            ResourcesToSustain = "Recurrent funding for peer posts and college tutors; protected learning time.",
        };
        adultPlan.Actions.AddRange(
        [
            Action(adultPlan, "Every community team offers a wellbeing plan at the first meeting", "Monthly audit of first meetings", "Community team managers", Day(-14), WorkStatus.InProgress, "Two of four teams there; the others started late."),
            Action(adultPlan, "Co-produced safety planning training for all community staff", "Staff trained, from the learning record", "Practice development nurse", Day(75), WorkStatus.InProgress, "Three sessions delivered with a peer trainer."),
            Action(adultPlan, "Carers invited to every first care plan review, with the person's agreement", "Share of reviews with a carer invited", "Carers' lead", Day(150), WorkStatus.NotStarted, ""),
        ]);
        var olderPlan = new DivisionActionPlan
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            DivisionId = older.Id,
            CreatedAt = Day(-120),
            UpdatedAt = Day(-40),
            Version = 2,
            WellbeingMeaning = "For older people and their families, wellbeing means staying connected, keeping as much independence as possible and being heard in decisions.",
            Stakeholders = "Older people's forum; dementia carers' group; care homes; the local council's adult social care team.",
            Resources = "Memory service staff; a carers' support worker; community groups that run day activities.",
            PeopleAndCarers = "Carers ask for clearer information after a diagnosis.",
            Opportunities = "Memory cafés run with the voluntary sector are well attended.",
        };
        olderPlan.Actions.AddRange(
        [
            Action(olderPlan, "Write a plain-language guide for families after a diagnosis, with carers", "Guide published and given at every diagnosis appointment", "Memory service lead", Day(60), WorkStatus.InProgress, "Draft reviewed by the carers' group."),
            Action(olderPlan, "Start a wellbeing check-in at every memory service review", "Reviews with a check-in recorded", "Memory service lead", Day(-40), WorkStatus.Done, "In place since the spring."),
        ]);
        db.AddRange(adultPlan, olderPlan);

        // Making It Real: two checks, and four priority areas each with a lived-experience lead.
        var statements = MakingItRealStatements.All.ToList();
        foreach (var (held, lift) in new[] { (Day(-240), 0), (Day(-35), 1) })
        {
            var round = new MakingItRealRound { Id = Guid.NewGuid(), OrganisationId = org.Id, HeldOn = held, CreatedAt = held };
            for (var i = 0; i < statements.Count; i++)
            {
                round.Ratings.Add(new StatementRating
                {
                    Id = Guid.NewGuid(),
                    StatementKey = statements[i].Key,
                    Rating = Math.Min(MakingItRealScale.Max, 1 + (i * 7 % 3) + (i % 2 == 0 ? lift : 0)),
                    Evidence = i % 4 == 0 ? "From the Making It Real group's conversations with people using services." : "",
                });
            }
            db.Add(round);
        }
        (string Title, string Actions, WorkStatus Status, (string, LeadType)[] Leads)[] priorities =
        [
            ("Information that makes sense to people new to services", "Rewrite the welcome pack with people who recently started using services; test it in two teams.", WorkStatus.InProgress,
                [("Leona Marsh", LeadType.PersonWhoUsesServices), ("Head of Patient Experience", LeadType.Staff)]),
            ("Care and support planning in the person's own words", "Use the wellbeing plan everywhere; audit a sample each quarter with a lived-experience auditor.", WorkStatus.InProgress,
                [("Raj Sethi", LeadType.PersonWhoUsesServices), ("Practice development nurse", LeadType.Staff)]),
            ("Carers involved from the start", "Offer every carer a conversation in the first month; carers' awareness training for staff.", WorkStatus.NotStarted,
                [("Margaret Doyle", LeadType.Carer), ("Carers' lead", LeadType.Staff)]),
            ("Personal budgets people can actually use", "Clear guidance on what budgets can pay for; a peer-led workshop each quarter.", WorkStatus.NotStarted,
                [("Tyrone Bailey", LeadType.PersonWhoUsesServices), ("Eastmoor Carers Network", LeadType.Partner)]),
        ];
        foreach (var (title, actions, status, leads) in priorities)
        {
            var priority = new MakingItRealPriority { Id = Guid.NewGuid(), OrganisationId = org.Id, Title = title, Actions = actions, Status = status, ReviewOn = Day(45), CreatedAt = Day(-200) };
            priority.Leads.AddRange(leads.Select(l => new PriorityLead { Id = Guid.NewGuid(), Name = l.Item1, Type = l.Item2 }));
            db.Add(priority);
        }

        // Peer workforce: two posts planned in community teams, one elsewhere.
        db.AddRange(context.Teams.Select(t => new PeerWorkforcePlan
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            TeamId = t.Id,
            UpdatedAt = Day(-90),
            PlannedPosts = t.Name.Contains("Community Mental Health", StringComparison.Ordinal) ? 2 : 1,
        }));
    }

    private static SmartAction Action(DivisionActionPlan plan, string specific, string measure, string owner, DateTimeOffset due, WorkStatus status, string notes) => new()
    {
        Id = Guid.NewGuid(),
        PlanId = plan.Id,
        Specific = specific,
        Measure = measure,
        Owner = owner,
        DueOn = due,
        Status = status,
        AchievableNote = "Agreed with the teams involved, within current budgets.",
        ProgressNotes = notes,
        CreatedAt = plan.CreatedAt,
        UpdatedAt = plan.UpdatedAt,
    };
}
