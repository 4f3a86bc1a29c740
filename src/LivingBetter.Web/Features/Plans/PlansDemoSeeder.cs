using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

/// <summary>
/// Plans for the demo: a full, lived-in plan for Alex, and for others a realistic spread: some
/// complete, many part-written, some not started. All wording is invented for LivingBetter.
/// </summary>
public sealed class PlansDemoSeeder : IDemoSeeder
{
    public int Order => 30;

    private static readonly string[] WhenWell =
    [
        "I'm up with the alarm, I make proper meals and I text friends back the same day. I laugh easily and I notice small things, like birds on the feeder.",
        "I'm patient with the kids, I keep the flat tidy without thinking about it, and I look forward to weekends. I sleep about seven hours.",
        "I'm creative: I sketch most evenings and I'll happily chat to strangers at the bus stop. My thoughts feel clear and unhurried.",
        "I go to the gym three times a week, I enjoy my job and I plan things ahead, like birthdays and trips to see my nan.",
        "I feel calm in my body, I can concentrate on a film all the way through and I want to be around people.",
        "I cook for others, I keep up with my allotment and I can say no to things without feeling guilty.",
        "I'm chatty, a bit silly, and I get stuck into projects at home. I don't mind phone calls.",
        "I walk everywhere, I read before bed and I go to church on Sundays and stay for the coffee afterwards.",
    ];

    private static readonly string[] Words = ["chatty", "curious", "kind", "organised", "funny", "calm", "creative", "energetic", "patient", "sociable", "hopeful", "steady", "caring", "determined", "relaxed"];

    private static readonly string[] Tools =
    [
        "A walk by the river", "Phoning my sister", "Music on headphones", "A hot shower", "Cooking something from scratch", "Sitting in the garden",
        "Drawing or colouring", "The peer support group on Thursdays", "Playing with the dog", "A bath with the lights low", "Going to the library",
        "Swimming", "Praying", "Writing in my journal", "Watching an old comedy", "Gardening", "Breathing slowly for five minutes", "Baking with my daughter",
        "A cup of tea with a neighbour", "Going to football", "Tidying one drawer", "Fresh air with the window open", "Talking to my peer worker",
        "Stretching before bed", "Visiting the café at the community centre",
    ];

    private static readonly string[] EveryDay =
    [
        "Get up by 8", "Eat breakfast", "Take my medication with breakfast", "Go outside at least once", "Drink plenty of water", "Text one person",
        "Fifteen minutes of something I enjoy", "Wash and get dressed", "Lights off by 11", "Check in with how I'm feeling", "Walk the dog", "Eat a proper tea",
    ];

    private static readonly string[] MightNeed =
    [
        "Pay the rent", "Book a GP check-up", "Go food shopping", "Call Mum", "Change the bedding", "Top up the gas meter", "Check my bank balance",
        "Get my prescription", "See a friend for coffee", "Do a wash", "Reply to letters", "Plan the week on Sunday evening",
    ];

    private static readonly string[] Triggers =
    [
        "Brown envelopes and letters about benefits", "Anniversary of my dad's death in March", "Arguments at home", "Being around lots of people at once",
        "Not sleeping for a couple of nights", "Money running out before payday", "Hearing about court dates", "Being ignored at work",
        "Drinking more than usual", "Christmas", "Loud neighbours late at night", "Hospital appointments", "Social media pile-ons",
    ];

    private static readonly string[] EarlySigns =
    [
        "Staying in bed past midday", "Not answering my phone", "Losing interest in food", "Snapping at people I love", "Feeling on edge all the time",
        "Stopping my walks", "Lots of thoughts racing at night", "Not opening post", "Spending money I don't have", "Feeling that people are talking about me",
        "Forgetting my tablets", "Wanting to be alone all the time",
    ];

    private static readonly string[] BreakingDownSigns =
    [
        "Not eating for more than a day", "Not sleeping at all", "Hearing voices that are unkind", "Feeling that nothing will ever get better",
        "Not washing", "Thinking about hurting myself", "Being convinced I'm being watched", "Not leaving the house for days",
        "Drinking every day", "Not being able to follow a conversation",
    ];

    private static readonly string[] Actions =
    [
        "Tell someone I trust how I feel today, not tomorrow. Use two things from my toolbox. Keep to my daily list even if it's hard.",
        "Ring my care co-ordinator or the duty line. Make sure I eat something and go to bed at a normal time. Let my sister know.",
        "Cancel anything that isn't essential this week. Open letters only with someone else there. Take my medication as prescribed.",
        "Go to the peer group, even if I just sit and listen. Write down what's going on so I can explain it later.",
        "Ask my partner to hold onto my bank card for a few days. Spend time outside every day.",
    ];

    private static readonly string[] TakeOver =
    [
        "If I haven't eaten or slept for two days, or I'm talking about things that don't make sense to others.",
        "If I stop recognising people or I'm frightened of my family. If I say I want to end my life.",
        "When I'm not able to look after the children or myself, or I've gone missing for more than a night.",
        "If I'm convinced the TV is sending me messages, or I'm very agitated and can't settle.",
    ];

    private static readonly string[] Relationships = ["Sister", "Brother", "Mum", "Dad", "Partner", "Friend", "Neighbour", "Peer supporter", "Aunt", "Son", "Daughter"];
    private static readonly string[] SupporterNames = ["Jo", "Sam", "Priti", "Dan", "Maria", "Tom", "Aisha", "Ken", "Beth", "Lou", "Chris", "Nadia"];
    private static readonly string[] SupporterJobs =
    [
        "Stay with me and make sure I eat.", "Look after the dog.", "Phone the crisis team for me.", "Take the children to school.",
        "Come to appointments with me and speak up if I can't.", "Sort out my post and bills.", "Visit every day, even if I say not to.",
    ];

    private static readonly string[] Helps =
    [
        "Speak slowly and use my name. Give me space but don't leave me alone.", "A quiet room, dim lights and someone I know sitting with me.",
        "Being asked what I need rather than told. Having a drink and a snack nearby.", "Gentle reminders to take my medication. Being outside in fresh air.",
        "Music I know well, quietly. Short, simple questions.", "Knowing what's going to happen next, explained in plain words.",
    ];

    private static readonly string[] DoesNotHelp =
    [
        "Lots of people in the room. Being rushed or shouted at.", "Being told to cheer up or snap out of it.", "Bright lights and noise. Being touched without asking.",
        "Questions about the past when I'm already overwhelmed.", "Being left in a waiting room for hours.",
    ];

    private static readonly string[] Medicines = ["Sertraline 100mg each morning", "Quetiapine 150mg at night", "Lithium as prescribed; blood tests every 3 months", "Mirtazapine 30mg at night", "Aripiprazole 10mg each morning", "None at the moment"];
    private static readonly string[] Allergies = ["Penicillin", "None that I know of", "Plasters (latex)", "Nuts"];
    private static readonly string[] Places = ["At home with the crisis team visiting", "The crisis house in town", "With my sister at her flat", "The local ward if I need to be in hospital"];
    private static readonly string[] AvoidPlaces = ["A ward out of area", "The hospital where I was before; it brings back bad memories", "Police cells"];
    private static readonly string[] AtHome = ["Jo feeds the cat and waters the plants.", "Mum takes the kids; their dad collects them on Fridays.", "My partner pays the bills from the joint account.", "A neighbour walks the dog twice a day."];
    private static readonly string[] NoLongerNeeded = ["When I'm sleeping through most nights and eating regular meals.", "When I can hold a normal conversation and make my own decisions again.", "When I'm back to my daily list for a whole week."];

    private static readonly (string Words, string DomainHint, string[] Steps)[] Goals =
    [
        ("Get back into work, part-time to start with", "work", ["Update my CV", "Talk to the employment adviser", "Try two weeks of volunteering"]),
        ("Have my own place with a garden", "home", ["Go on the housing list", "Save £20 a month for a deposit", "Visit two areas I like"]),
        ("Feel fitter so I can walk up the hill without stopping", "physical", ["Walk 15 minutes a day", "Join the walking group", "Ask the GP about a health check"]),
        ("See my grandchildren every week", "relationships", ["Call my daughter on Sundays", "Offer to do the school run on Wednesdays"]),
        ("Sort out my debts", "money", ["Book an appointment with the debt advice service", "Open all my letters with a supporter", "Set up a payment plan"]),
        ("Learn to drive", "learning", ["Apply for a provisional licence", "Book five lessons", "Practise the theory test"]),
        ("Go backpacking in Vietnam", "leisure", ["Get my passport renewed", "Try a weekend away first", "Save a little each month"]),
        ("Find a purpose again, helping other people", "work", ["Look at volunteering at the refugee centre", "Do the peer support taster course"]),
        ("Sleep better", "physical", ["Screens off at 10", "Keep a sleep diary for two weeks", "Talk to my nurse about what I find"]),
        ("Make one new friend", "relationships", ["Go to the craft group three times", "Say yes to one invitation"]),
        ("Cook a proper meal three times a week", "home", ["Do a cooking course at the college", "Plan meals on Sunday"]),
        ("Cut down on drinking", "physical", ["Alcohol-free days on Monday to Thursday", "Go to the recovery café"]),
    ];

    private static readonly string[] GoodAt = ["Listening", "Making people laugh", "Fixing bikes", "Cooking curry", "Drawing", "Remembering birthdays", "Maths", "Looking after animals", "Being honest", "Sticking at things", "Gardening", "Singing"];
    private static readonly string[] OthersValue = ["My loyalty", "My sense of humour", "That I'm reliable", "My kindness to strangers", "My cooking", "That I tell it straight"];
    private static readonly string[] Personal = ["My bike", "A library card", "I can speak Polish and English", "My allotment", "My faith", "I can drive", "My sketchbooks"];
    private static readonly string[] Family = ["My sister Jo", "My partner", "Mum and Dad", "My cousin who lives nearby", "My children", "My best friend from school"];
    private static readonly string[] Community = ["The recovery college", "Thursday peer support group", "The mosque", "Parkrun on Saturdays", "The community café", "The library reading group", "The allotment society", "Food bank when I need it"];
    private static readonly string[] LessSafe = ["Being on my own at night when things are bad.", "Drinking when I'm already low.", "Having lots of tablets in the house.", "Not having credit on my phone."];
    private static readonly string[] KeepsSafe = ["Staying with my sister when I'm struggling.", "Keeping only a week's medication at home.", "Having the crisis line number saved in my phone.", "Going to the crisis café rather than staying in."];
    private static readonly string[] WhoToCall = ["My sister Jo, any time.", "The crisis line.", "My care co-ordinator in the daytime.", "My friend Sam after work."];
    private static readonly string[] OthersDo = ["Ask me straight out how I am. Stay with me. Help me call the crisis team.", "Don't panic; sit with me and help me use my plan."];
    private static readonly (string What, decimal Cost)[] BudgetItems = [("Gym membership", 240), ("Art class", 180), ("Bus pass", 300), ("Cooking course", 120), ("Personal assistant, 4 hours a week", 2600), ("Driving lessons", 350), ("Allotment rent", 45)];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var domainKeys = db.LifeDomains.Local.Select(d => d.Key)
            .Concat(await db.LifeDomains.Where(d => d.OrganisationId == null).Select(d => d.Key).ToListAsync(ct))
            .Distinct().ToList();
        var staffId = context.Accounts.TryGetValue("staff", out var staff) ? staff.Id : (Guid?)null;
        var writer = new Writer(context, domainKeys);
        var drafts = 0;

        for (var i = 0; i < context.People.Count; i++)
        {
            var person = context.People[i];
            if (person.UserId is not { } userId)
            {
                // Started by staff with the person, not yet claimed: a goal written together, waiting for them.
                // No random draws here, so the rest of the demo data stays as it was.
                if (person.StartedByUserId is { } startedBy && drafts++ < 5)
                {
                    writer.WrittenTogether(person, startedBy);
                }
                continue;
            }
            if (i == 0)
            {
                writer.Alex(person, userId, staffId);
                continue;
            }
            var roll = context.Random.NextDouble();
            if (roll < 0.3)
            {
                continue;
            }
            var sectionsWritten = roll < 0.65 ? context.Random.Next(1, 6) : 8;
            writer.StayingWell(person, userId, sectionsWritten, complete: sectionsWritten == 8 && context.Random.NextDouble() < 0.7);
            if (context.Random.NextDouble() < 0.6)
            {
                writer.Wellbeing(person, userId, context.Random.Next(2, 7), goals: context.Random.Next(1, 4));
            }
        }
        db.AddRange(writer.Entities);
        await Task.CompletedTask;
    }

    private sealed class Writer(DemoSeedContext context, IReadOnlyList<string> domainKeys)
    {
        public List<object> Entities { get; } = [];
        private Random R => context.Random;

        private List<string> Some(string[] from, int min, int max) =>
            from.OrderBy(_ => R.Next()).Take(R.Next(min, max + 1)).ToList();

        private string One(string[] from) => from[R.Next(from.Length)];

        private Plan NewPlan(Person person, PlanKind kind)
        {
            var plan = new Plan { Id = Guid.NewGuid(), PersonId = person.Id, Kind = kind, CreatedAt = Start(person), UpdatedAt = context.Now };
            Entities.Add(plan);
            return plan;
        }

        /// <summary>A goal staff wrote with someone who has no account yet: a draft until the person confirms it.</summary>
        public void WrittenTogether(Person person, Guid staffId)
        {
            var plan = NewPlan(person, PlanKind.Wellbeing);
            var goals = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = PlanStructure.Goals, Version = 0, State = SectionState.NotStarted, UpdatedAt = context.Now.AddDays(-2) };
            Entities.Add(goals);
            Entities.Add(new SectionSuggestion
            {
                Id = Guid.NewGuid(),
                SectionId = goals.Id,
                SuggestedByUserId = staffId,
                BaseVersion = 0,
                CreatedAt = context.Now.AddDays(-2),
                Status = SuggestionStatus.Pending,
                WrittenTogether = true,
                Note = "We wrote this together on the ward; change anything that isn't how you'd put it.",
                Content = GoalSuggestions.Serialize(new Goal
                {
                    Id = Guid.NewGuid(),
                    Words = "Get well enough to go travelling again",
                    WhyItMatters = "It's what I always wanted to do before I became unwell.",
                    Steps =
                    [
                        new GoalStep { Id = Guid.NewGuid(), Text = "Try a weekend away first", WhoHelps = "My care co-ordinator" },
                        new GoalStep { Id = Guid.NewGuid(), Text = "Get fitter: walk every day" },
                    ],
                }),
            });
        }

        private DateTimeOffset Start(Person person) => person.CreatedAt > context.HistoryStart ? person.CreatedAt : context.HistoryStart;

        /// <summary>Adds a section with one or more versions; earlier versions hold less, as plans grow over time.</summary>
        private PlanSection Section(Plan plan, Person person, Guid userId, string key, IReadOnlyList<object> versions, SectionState state,
            Guid? lastSuggestedBy = null, string? lastReason = null)
        {
            var def = PlanStructure.Find(plan.Kind, key)!;
            var start = Start(person);
            var span = (context.Now - start).TotalDays;
            var section = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = key, State = state };
            for (var n = 0; n < versions.Count; n++)
            {
                var at = start.AddDays(span * (n + 1) / (versions.Count + 1) + R.NextDouble());
                var json = SectionContent.Serialize(def, versions[n]);
                var last = n == versions.Count - 1;
                Entities.Add(new PlanSectionVersion
                {
                    Id = Guid.NewGuid(),
                    SectionId = section.Id,
                    Number = n + 1,
                    Content = json,
                    AuthorUserId = userId,
                    CreatedAt = at,
                    SuggestedByUserId = last ? lastSuggestedBy : null,
                    Reason = last && lastReason is not null ? lastReason : n == 0 ? "Saved" : "Saved",
                });
                section.Content = json;
                section.Version = n + 1;
                section.UpdatedAt = at;
            }
            Entities.Add(section);
            return section;
        }

        private List<object> Grow<T>(Func<bool, T> make, int count) where T : notnull =>
            Enumerable.Range(0, count).Select(n => (object)make(n == count - 1)).ToList();

        public void StayingWell(Person person, Guid userId, int sections, bool complete)
        {
            var plan = NewPlan(person, PlanKind.StayingWell);
            var toolbox = Some(Tools, 4, 9);
            var keys = PlanStructure.StayingWell.Select(s => s.Key).Take(sections).ToList();
            SectionState State() => complete || R.NextDouble() < 0.5 ? SectionState.Done : SectionState.Started;
            foreach (var key in keys)
            {
                var versions = R.Next(1, 4);
                switch (key)
                {
                    case "when-well":
                        Section(plan, person, userId, key, Grow(full => new WhenWellContent { Description = One(WhenWell), Words = full ? Some(Words, 3, 5) : [] }, versions), State());
                        break;
                    case PlanStructure.Toolbox:
                        Section(plan, person, userId, key, Grow(full => new ToolboxContent { Tools = full ? toolbox : toolbox.Take(3).ToList() }, versions), State());
                        break;
                    case "daily":
                        Section(plan, person, userId, key, Grow(full => new DailyContent { EveryDay = Some(EveryDay, 3, 6), MightNeed = full ? Some(MightNeed, 2, 5) : [] }, versions), State());
                        break;
                    case "triggers":
                        Section(plan, person, userId, key, Grow(full => new TriggersContent { Triggers = Some(Triggers, 2, 4), ToolsToUse = toolbox.Take(2).ToList(), MyActions = full ? One(Actions) : "" }, versions), State());
                        break;
                    case "early-warning":
                        Section(plan, person, userId, key, Grow(full => new EarlyWarningContent { Signs = Some(EarlySigns, 2, 5), ToolsToUse = toolbox.Skip(1).Take(2).ToList(), MyActions = full ? One(Actions) : "" }, versions), State());
                        break;
                    case "breaking-down":
                        Section(plan, person, userId, key, Grow(full => new BreakingDownContent { Signs = Some(BreakingDownSigns, 2, 4), ToolsToUse = toolbox.Take(1).ToList(), MyActions = full ? One(Actions) : "" }, versions), State());
                        break;
                    case PlanStructure.Crisis:
                        Section(plan, person, userId, key, Grow(full => Crisis(full), versions), State());
                        break;
                    case PlanStructure.PostCrisis:
                        Section(plan, person, userId, key, Grow(_ => new PostCrisisContent
                        {
                            OutOfCrisisSigns = One(NoLongerNeeded),
                            PeopleToThank = "Everyone who visited, and the crisis team.",
                            ResumeWhen = "Back to my usual routine over two weeks; work when my care co-ordinator and I agree I'm ready.",
                        }, versions), State());
                        break;
                }
            }
        }

        private CrisisContent Crisis(bool full) => new()
        {
            TakeOverSigns = One(TakeOver),
            Supporters = Enumerable.Range(0, full ? R.Next(2, 4) : 1).Select(_ => new CrisisSupporter
            {
                Name = One(SupporterNames),
                Relationship = One(Relationships),
                Contact = $"07700 900{R.Next(100, 999)}",
                WhatIWant = One(SupporterJobs),
            }).ToList(),
            Medicines = One(Medicines),
            Allergies = One(Allergies),
            WhatHelps = One(Helps),
            WhatDoesNotHelp = full ? One(DoesNotHelp) : "",
            PlacesPreferred = One(Places),
            PlacesToAvoid = full ? One(AvoidPlaces) : "",
            AtHome = full ? One(AtHome) : "",
            NoLongerNeeded = full ? One(NoLongerNeeded) : "",
        };

        private string? Domain(string hint) => domainKeys.FirstOrDefault(k => k.Contains(hint, StringComparison.OrdinalIgnoreCase));

        private List<Goal> MakeGoals(int count, bool oneAchieved)
        {
            var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
            return Goals.OrderBy(_ => R.Next()).Take(count).Select((g, n) => new Goal
            {
                Id = Guid.NewGuid(),
                Words = g.Words,
                DomainKey = Domain(g.DomainHint),
                WhyItMatters = n == 0 ? "It would make me feel like me again." : "",
                Steps = g.Steps.Select((s, k) => new GoalStep
                {
                    Id = Guid.NewGuid(),
                    Text = s,
                    By = today.AddDays(14 * (k + 1) - R.Next(0, 40)),
                    WhoHelps = k == 0 ? "My care co-ordinator" : k == 1 ? "My sister" : "",
                    Status = oneAchieved && n == 0 ? StepStatus.Done : (StepStatus)R.Next(0, 3),
                }).ToList(),
                AchievedOn = oneAchieved && n == 0 ? today.AddDays(-R.Next(5, 60)) : null,
                Celebration = oneAchieved && n == 0 ? "Told everyone at group and had a takeaway to celebrate." : "",
            }).ToList();
        }

        public void Wellbeing(Person person, Guid userId, int sections, int goals)
        {
            var plan = NewPlan(person, PlanKind.Wellbeing);
            var goalList = MakeGoals(goals, R.NextDouble() < 0.3);
            Section(plan, person, userId, PlanStructure.Goals, [new GoalsContent { Items = goalList.Take(1).ToList() }, new GoalsContent { Items = goalList }], SectionState.Done);
            var keys = PlanStructure.Wellbeing.Skip(1).Take(sections - 1).Select(s => s.Key);
            foreach (var key in keys)
            {
                object content = key switch
                {
                    "strengths" => new StrengthsContent { GoodAt = Some(GoodAt, 2, 5), OthersValue = Some(OthersValue, 1, 3) },
                    "resources" => new ResourcesContent { Personal = Some(Personal, 1, 3), Family = Some(Family, 1, 3), Community = Some(Community, 1, 4) },
                    "staying-safe" => new StayingSafeContent { LessSafe = One(LessSafe), KeepsMeSafe = One(KeepsSafe), WhoICanContact = One(WhoToCall), OthersCanDo = One(OthersDo) },
                    PlanStructure.Budget => Budget(goalList),
                    _ => new CareContent { CareCoordinator = "Priya Shah", Contact = "Community team, 01632 960 123", NextReview = DateOnly.FromDateTime(context.Now.UtcDateTime).AddDays(R.Next(10, 120)) },
                };
                Section(plan, person, userId, key, [content], R.NextDouble() < 0.6 ? SectionState.Done : SectionState.Started);
            }
        }

        private BudgetContent Budget(IReadOnlyList<Goal> goals)
        {
            var items = BudgetItems.OrderBy(_ => R.Next()).Take(R.Next(1, 4)).Select(b => new BudgetItem { What = b.What, Cost = b.Cost, GoalId = goals.Count > 0 ? goals[R.Next(goals.Count)].Id : null }).ToList();
            var kind = (BudgetKind)R.Next(0, 3);
            return new BudgetContent { Kind = kind, Amount = Math.Ceiling(items.Sum(i => i.Cost ?? 0) * 1.2m / 50) * 50, Period = BudgetPeriod.Year, Items = items };
        }

        /// <summary>Alex's plans are complete and lived in: several versions, a review, staff views and a suggestion accepted and one waiting.</summary>
        public void Alex(Person alex, Guid userId, Guid? staffId)
        {
            var plan = NewPlan(alex, PlanKind.StayingWell);
            List<string> toolbox = ["Walking by the canal with headphones in", "Ringing Sam", "Baking bread", "The Thursday peer support group", "A long shower", "Sketching at the kitchen table", "Five minutes of slow breathing"];
            Section(plan, alex, userId, "when-well", [
                new WhenWellContent { Description = "I get up at seven without dreading it." },
                new WhenWellContent
                {
                    Description = "I get up at seven without dreading it. I make porridge, I answer messages, and I look forward to things. I'm quick to laugh and I like being around people, especially at the bakery where I help on Saturdays.",
                    Words = ["chatty", "curious", "steady", "kind"],
                }], SectionState.Done);
            Section(plan, alex, userId, PlanStructure.Toolbox, [new ToolboxContent { Tools = toolbox.Take(4).ToList() }, new ToolboxContent { Tools = toolbox, Notes = "The walk and the bread matter most. If I only manage one thing, it's the walk." }], SectionState.Done);
            Section(plan, alex, userId, "daily", [new DailyContent
            {
                EveryDay = ["Up by 7.30", "Breakfast and my tablets", "Out of the flat before 11, even just to the shop", "Text Sam or Mum", "Screens off by 11"],
                MightNeed = ["Top up the electric", "Prescription on the 1st of the month", "See Priya every other Tuesday", "Change the bedding on Sundays"],
            }], SectionState.Done);
            Section(plan, alex, userId, "triggers", [new TriggersContent
            {
                Triggers = ["Letters from the benefits office", "The anniversary of Gran's death in February", "Rows with my landlord", "Too many late nights in a row"],
                ToolsToUse = ["Ringing Sam", "Five minutes of slow breathing"],
                MyActions = "Open official letters with Sam on the phone. Plan something kind for myself in February. Keep a note of any landlord problems and ask the housing adviser for help rather than arguing.",
            }], SectionState.Done);
            Section(plan, alex, userId, "early-warning", [new EarlyWarningContent
            {
                Signs = ["Sleeping past midday", "Leaving messages unanswered", "Skipping the bakery shift", "Feeling everyone is fed up with me"],
                ToolsToUse = ["Walking by the canal with headphones in", "The Thursday peer support group"],
                MyActions = "Tell Sam and Priya this week. Go back to my daily list, even half of it. Go to group on Thursday and say how I'm doing.",
            }], SectionState.Done);
            Section(plan, alex, userId, "breaking-down", [new BreakingDownContent
            {
                Signs = ["Not eating properly for two days", "Up all night with racing thoughts", "Convinced people on the street are watching me"],
                ToolsToUse = ["A long shower", "Ringing Sam"],
                MyActions = "Ring the crisis line or Priya straight away. Ask Sam to stay over. Take my night-time tablet. Don't make any big decisions.",
            }], SectionState.Done);
            var crisisV1 = new CrisisContent
            {
                TakeOverSigns = "If I haven't slept for two nights, I'm not eating, or I'm talking about being followed.",
                Supporters = [new CrisisSupporter { Name = "Sam Morgan", Relationship = "Brother", Contact = "07700 900321", WhatIWant = "Stay with me and help me talk to the crisis team." }],
                Medicines = "Quetiapine 100mg at night; sertraline 150mg in the morning",
                Allergies = "Penicillin",
                WhatHelps = "A quiet room, low lights and Sam nearby.",
            };
            var crisisV2 = crisisV1 with
            {
                Supporters =
                [
                    crisisV1.Supporters[0],
                    new CrisisSupporter { Name = "Angela Morgan", Relationship = "Mum", Contact = "01632 960 555", WhatIWant = "Look after Biscuit (the cat) and let the bakery know I'm off." },
                ],
                NotInvolved = "My former partner. Please don't contact them.",
                MedicinesToAvoid = "Haloperidol: it made me very stiff and frightened last time.",
                TreatmentsPreferred = "Home treatment with the crisis team; talking things through before any change of medication.",
                TreatmentsToAvoid = "Being restrained unless there's truly no other way.",
                PlacesPreferred = "At home with the crisis team, or the crisis house on Mill Lane.",
                PlacesToAvoid = "A ward out of area: I can't get visitors there.",
                WhatHelps = "A quiet room, low lights and Sam nearby. Short questions, one at a time. Toast and sweet tea.",
                WhatDoesNotHelp = "Lots of people talking at once. Being told I'm overreacting.",
                AtHome = "Mum feeds Biscuit. Sam checks the post and pays the electric from my account (he knows how).",
                NoLongerNeeded = "When I've slept at least six hours for three nights running and I'm making my own meals.",
            };
            Section(plan, alex, userId, PlanStructure.Crisis, [crisisV1, crisisV2], SectionState.Done);
            var postCrisis = new PostCrisisContent
            {
                OutOfCrisisSigns = "I'm sleeping, I want to see people, and I can follow a TV programme again.",
                PeopleToThank = "Sam, Mum, the crisis team (especially the night worker who made toast), and the people at group.",
                ResumeWhen = "Bakery shift after two weeks, starting with one morning. Driving again when I've been steady for a month.",
                LookAfter = "Keep appointments with Priya weekly for the first month.",
            };
            var withReview = postCrisis with
            {
                Reviews =
                [
                    new PostCrisisReview
                    {
                        Date = DateOnly.FromDateTime(context.Now.AddMonths(-5).UtcDateTime),
                        WhatHelped = "The crisis team coming to the flat. Sam staying over. Being asked what I wanted.",
                        WhatDidNotHelp = "Waiting six hours in A&E before anyone spoke to me.",
                        WhatToChange = "Add the crisis house as my first choice of place. Tell people sooner when my sleep goes.",
                    },
                ],
            };
            var post = Section(plan, alex, userId, PlanStructure.PostCrisis, [postCrisis, withReview], SectionState.Done, lastReason: "Post-crisis review");

            var wellbeing = NewPlan(alex, PlanKind.Wellbeing);
            var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
            var bakeryGoal = new Goal
            {
                Id = Guid.NewGuid(),
                Words = "Work at the bakery three mornings a week",
                DomainKey = Domain("work"),
                WhyItMatters = "I like being useful and the smell of bread makes me happy.",
                Steps =
                [
                    new GoalStep { Id = Guid.NewGuid(), Text = "Talk to Marek about more shifts", By = today.AddDays(-40), WhoHelps = "Priya", Status = StepStatus.Done },
                    new GoalStep { Id = Guid.NewGuid(), Text = "Try two mornings for a month", By = today.AddDays(20), WhoHelps = "", Status = StepStatus.UnderWay },
                    new GoalStep { Id = Guid.NewGuid(), Text = "Check how it affects my benefits", By = today.AddDays(30), WhoHelps = "Welfare rights adviser", Status = StepStatus.NotStarted },
                ],
            };
            var swimGoal = new Goal
            {
                Id = Guid.NewGuid(),
                Words = "Swim a mile without stopping",
                DomainKey = Domain("physical") ?? Domain("health"),
                Steps =
                [
                    new GoalStep { Id = Guid.NewGuid(), Text = "Go to the early swim on Mondays", By = today.AddDays(-90), Status = StepStatus.Done },
                    new GoalStep { Id = Guid.NewGuid(), Text = "Build up to 40 lengths", By = today.AddDays(-20), WhoHelps = "Sam comes with me", Status = StepStatus.Done },
                ],
                AchievedOn = today.AddDays(-12),
                Celebration = "Did the full mile on a Monday morning! Sam bought me a hot chocolate from the machine.",
            };
            var flatGoal = new Goal
            {
                Id = Guid.NewGuid(),
                Words = "Move somewhere with a bit of outside space for plants",
                DomainKey = Domain("home"),
                Steps = [new GoalStep { Id = Guid.NewGuid(), Text = "Register with the housing association", By = today.AddDays(45), WhoHelps = "Housing adviser", Status = StepStatus.NotStarted }],
            };
            Section(wellbeing, alex, userId, PlanStructure.Goals, [
                new GoalsContent { Items = [bakeryGoal with { Steps = bakeryGoal.Steps.Take(1).ToList() }] },
                new GoalsContent { Items = [bakeryGoal, swimGoal with { AchievedOn = null, Celebration = "" }] },
                new GoalsContent { Items = [bakeryGoal, swimGoal, flatGoal] }], SectionState.Done);
            Section(wellbeing, alex, userId, "strengths", [new StrengthsContent
            {
                GoodAt = ["Baking", "Listening", "Drawing", "Keeping going when things are hard"],
                OthersValue = ["My sense of humour", "That I remember everyone's birthday"],
                GotMeThrough = "My brother, my cat, and knowing that the bad patches have always passed before.",
            }], SectionState.Done);
            var resources = Section(wellbeing, alex, userId, "resources", [new ResourcesContent
            {
                Personal = ["My sketchbooks", "Bus pass", "I can bake for other people"],
                Family = ["Sam (brother)", "Mum"],
                Community = ["Thursday peer support group", "The recovery college", "The bakery on the high street", "Leisure centre early swim"],
            }], SectionState.Done);
            Section(wellbeing, alex, userId, "staying-safe", [new StayingSafeContent
            {
                LessSafe = "Being on my own at night when I haven't slept. Drinking when I'm low.",
                KeepsMeSafe = "Keeping only a week of tablets at home. Having Sam's number on my lock screen. Going to the crisis café rather than staying in.",
                WhoICanContact = "Sam any time; Priya on weekdays; the crisis line at night.",
                OthersCanDo = "Ask me straight out how I'm doing. Sit with me and help me use my crisis plan.",
            }], SectionState.Done);
            Section(wellbeing, alex, userId, PlanStructure.Budget, [new BudgetContent
            {
                Kind = BudgetKind.DirectPayment, Amount = 1500, Period = BudgetPeriod.Year,
                Items =
                [
                    new BudgetItem { What = "Leisure centre membership", Cost = 280, GoalId = swimGoal.Id },
                    new BudgetItem { What = "Food hygiene certificate course", Cost = 95, GoalId = bakeryGoal.Id },
                    new BudgetItem { What = "Personal assistant, 2 hours a week for a term", Cost = 720, GoalId = bakeryGoal.Id },
                ],
                Notes = "Sam helps me keep the receipts.",
            }], SectionState.Done);
            Section(wellbeing, alex, userId, "care", [new CareContent
            {
                CareCoordinator = "Priya Shah", Contact = "Northbridge Community Mental Health Team, 01632 960 123",
                NextReview = today.AddDays(21), ForReview = "More bakery shifts, and whether I still need the night-time tablet.",
            }], SectionState.Done);

            if (staffId is { } priya)
            {
                Entities.Add(new ProfessionalNote
                {
                    Id = Guid.NewGuid(),
                    SectionId = post.Id,
                    AuthorUserId = priya,
                    CreatedAt = context.Now.AddMonths(-4),
                    Text = "From my side: the early call to the crisis team made a real difference last time. I'd add the team's direct number to the supporters list.",
                });
                Entities.Add(new SectionSuggestion
                {
                    Id = Guid.NewGuid(),
                    SectionId = resources.Id,
                    SuggestedByUserId = priya,
                    BaseVersion = resources.Version,
                    CreatedAt = context.Now.AddDays(-3),
                    Status = SuggestionStatus.Pending,
                    Note = "You mentioned the allotment group at our last meeting; would you like it here?",
                    Content = SectionContent.Serialize(PlanStructure.Find(PlanKind.Wellbeing, "resources")!, new ResourcesContent
                    {
                        Personal = ["My sketchbooks", "Bus pass", "I can bake for other people"],
                        Family = ["Sam (brother)", "Mum"],
                        Community = ["Thursday peer support group", "The recovery college", "The bakery on the high street", "Leisure centre early swim", "Canal-side allotment group"],
                    }),
                });
            }
        }
    }
}
