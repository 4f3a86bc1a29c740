using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;

namespace LivingBetter.Web.Features.Demo;

/// <summary>
/// A fictional NHS-style trust: the seven business divisions of seed 001, four localities, twelve
/// teams, about forty staff (peer support workers among them), three hundred people and their
/// supporters. Names are invented.
/// </summary>
public sealed class OrganisationDemoSeeder : IDemoSeeder
{
    public const string OrganisationName = "Northbridge and Eastmoor Health and Care Trust (demo)";

    public static readonly IReadOnlyList<string> DefaultDivisions =
    [
        "Adult Mental Health Services",
        "Older People's Mental Health Services",
        "Forensic Services",
        "Community Integrated Services",
        "Child and Adolescent Mental Health Services",
        "Learning Disability Services",
        "Substance Misuse Services",
    ];

    private static readonly string[] Localities = ["Northbridge", "Eastmoor", "Riverside", "Hallam Vale"];

    private static readonly (string Name, int Division, int Locality, string Description)[] TeamSpecs =
    [
        ("Northbridge Community Mental Health Team", 0, 0, "Care co-ordination and recovery support for adults in Northbridge."),
        ("Eastmoor Community Mental Health Team", 0, 1, "Care co-ordination and recovery support for adults in Eastmoor."),
        ("Riverside Early Intervention Team", 0, 2, "Support for people experiencing psychosis for the first time."),
        ("Hallam Vale Crisis and Home Treatment Team", 0, 3, "Intensive support at home as an alternative to hospital."),
        ("Willow Ward", 0, 0, "Adult acute inpatient ward."),
        ("Northbridge Memory and Wellbeing Team", 1, 0, "Support for older people and their carers."),
        ("Eastmoor Older Adults Community Team", 1, 1, "Community mental health care for older people."),
        ("Oak House Low Secure Unit", 2, 2, "Forensic rehabilitation and recovery."),
        ("Riverside Community Therapy Team", 3, 2, "Integrated physical and mental health support in Riverside."),
        ("Young People's Wellbeing Service", 4, 3, "Mental health support for young people and families."),
        ("Community Learning Disability Team", 5, 1, "Health and wellbeing support for adults with learning disabilities."),
        ("Hallam Vale Recovery Service", 6, 3, "Recovery support for people using drugs or alcohol."),
    ];

    private static readonly string[] FirstNames =
    [
        "Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jack", "Kiran", "Leah", "Mohammed",
        "Nia", "Owen", "Poppy", "Quinn", "Rosa", "Sean", "Tara", "Usman", "Violet", "Will", "Yasmin", "Zac", "Amir",
        "Bethany", "Callum", "Daisy", "Ewan", "Fatima", "George", "Hannah", "Imran", "Jade", "Kofi", "Lily", "Marcus",
        "Niamh", "Oliver", "Priya", "Reece", "Sophie", "Tomasz", "Una", "Vikram", "Wendy", "Xander", "Yusuf", "Zara",
    ];

    private static readonly string[] LastNames =
    [
        "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis",
        "Mensah", "Nowak", "O'Brien", "Patel", "Quigley", "Roberts", "Singh", "Taylor", "Umar", "Vaughan", "Walker",
        "Young", "Zielinski", "Begum", "Campbell", "Dunn", "Edwards", "Foster",
    ];

    private static readonly string[] Genders = ["Woman", "Man", "Non-binary", "Prefer not to say"];
    private static readonly int[] GenderWeights = [48, 46, 3, 3];

    private static readonly string[] Ethnicities =
    [
        "White British", "White other", "Asian or Asian British", "Black or Black British", "Mixed or multiple", "Other ethnic group", "Prefer not to say",
    ];
    private static readonly int[] EthnicityWeights = [62, 8, 12, 8, 5, 2, 3];

    private static readonly string[] Relationships = ["Sister", "Brother", "Mum", "Dad", "Partner", "Friend", "Son", "Daughter", "Peer supporter"];

    private static readonly JobRole[] StaffRoles =
    [
        JobRole.CareCoordinator, JobRole.Nurse, JobRole.SocialWorker, JobRole.PeerSupportWorker,
        JobRole.SupportTimeAndRecoveryWorker, JobRole.OccupationalTherapist, JobRole.Psychologist,
    ];

    public const int PeopleCount = 300;

    public int Order => 0;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var users = context.Services.GetRequiredService<UserManager<AppUser>>();
        var roles = context.Services.GetRequiredService<RoleManager<AppRole>>();
        var org = new Model.Organisation { Id = Guid.NewGuid(), Name = OrganisationName, CreatedAt = context.HistoryStart };
        db.Organisations.Add(org);
        context.Organisation = org;
        var divisions = DefaultDivisions.Select(n => new Division { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = n }).ToList();
        var localities = Localities.Select(n => new Locality { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = n }).ToList();
        db.Divisions.AddRange(divisions);
        db.Localities.AddRange(localities);
        foreach (var spec in TeamSpecs)
        {
            var team = new Team
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                DivisionId = divisions[spec.Division].Id,
                LocalityId = localities[spec.Locality].Id,
                Name = spec.Name,
                Description = spec.Description,
            };
            db.Teams.Add(team);
            context.Teams.Add(team);
        }
        await db.SaveChangesAsync(ct);

        // The named accounts in the README. Staff work in the first team, where Alex is supported.
        var home = context.Teams[0];
        var admin = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.Admin);
        AddStaff(context, admin, JobRole.Manager, isAdmin: true, team: null, TeamRole.Staff);
        var lead = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.TeamLead);
        DemoSetup.Check(await users.AddToRoleAsync(lead, Roles.Staff));
        AddStaff(context, lead, JobRole.Manager, isAdmin: false, home, TeamRole.TeamLead);
        var staff = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.Staff);
        AddStaff(context, staff, JobRole.CareCoordinator, isAdmin: false, home, TeamRole.Staff);
        var peer = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.PeerWorker);
        AddStaff(context, peer, JobRole.PeerSupportWorker, isAdmin: false, home, TeamRole.Staff);

        // Everyone else on the staff list: they cannot sign in (no password), but they make the workforce real.
        var staffByTeam = new Dictionary<Guid, List<AppUser>> { [home.Id] = [staff, peer, lead] };
        var staffRole = await roles.FindByNameAsync(Roles.Staff) ?? throw new InvalidOperationException("Staff role missing.");
        var staffNumber = 0;
        foreach (var team in context.Teams)
        {
            var count = team == home ? 1 : 3;
            for (var i = 0; i < count; i++)
            {
                var jobRole = i == 0 && team != home ? JobRole.PeerSupportWorker : context.Pick(StaffRoles);
                var user = NewUser(context, $"staff{++staffNumber}", staffRole);
                AddStaff(context, user, jobRole, isAdmin: false, team, i == 1 ? TeamRole.TeamLead : TeamRole.Staff);
                if (!staffByTeam.TryGetValue(team.Id, out var list))
                {
                    staffByTeam[team.Id] = list = [];
                }
                list.Add(user);
            }
        }
        await db.SaveChangesAsync(ct);

        // Alex, the demo person, and Sam, Alex's supporter.
        var alexUser = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.Person);
        var alex = new Person
        {
            Id = Guid.NewGuid(),
            UserId = alexUser.Id,
            PreferredName = "Alex",
            BirthYear = context.Now.Year - 34,
            Gender = "Non-binary",
            Ethnicity = "White British",
            CreatedAt = context.HistoryStart,
        };
        db.People.Add(alex);
        context.People.Add(alex);
        db.CareEpisodes.Add(new CareEpisode
        {
            Id = Guid.NewGuid(),
            PersonId = alex.Id,
            TeamId = home.Id,
            CareCoordinatorUserId = staff.Id,
            StartedAt = context.HistoryStart,
        });
        var samUser = await DemoSetup.CreateDemoAccountAsync(context, DemoAccounts.Supporter);
        db.SupporterLinks.Add(new SupporterLink
        {
            Id = Guid.NewGuid(),
            PersonId = alex.Id,
            SupporterUserId = samUser.Id,
            Relationship = "Sister",
            CreatedAt = context.HistoryStart.AddDays(10),
        });

        // Three hundred people in all, spread across teams, some of whom have left services.
        var personRole = await roles.FindByNameAsync(Roles.Person) ?? throw new InvalidOperationException("Person role missing.");
        var supporterRole = await roles.FindByNameAsync(Roles.Supporter) ?? throw new InvalidOperationException("Supporter role missing.");
        for (var n = 1; n < PeopleCount; n++)
        {
            var hasAccount = context.Random.NextDouble() < 0.85;
            var first = context.Pick(FirstNames);
            var started = context.HistoryStart.AddDays(context.Random.Next(0, 400));
            var person = new Person
            {
                Id = Guid.NewGuid(),
                PreferredName = first,
                BirthYear = context.Now.Year - context.Random.Next(17, 88),
                Gender = Weighted(context.Random, Genders, GenderWeights),
                Ethnicity = Weighted(context.Random, Ethnicities, EthnicityWeights),
                OptedOutOfReporting = context.Random.NextDouble() < 0.04,
                CreatedAt = started,
            };
            if (hasAccount)
            {
                var user = NewUser(context, $"person{n}", personRole, $"{first} {context.Pick(LastNames)}");
                person.UserId = user.Id;
            }
            else
            {
                // Started with the person by staff, not yet claimed.
                person.StartedByUserId = staff.Id;
            }
            db.People.Add(person);
            context.People.Add(person);

            var team = context.Teams[n % context.Teams.Count];
            var coordinator = staffByTeam[team.Id][context.Random.Next(staffByTeam[team.Id].Count)];
            var ended = context.Random.NextDouble() < 0.15 ? started.AddDays(context.Random.Next(60, 300)) : (DateTimeOffset?)null;
            db.CareEpisodes.Add(new CareEpisode
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                TeamId = team.Id,
                CareCoordinatorUserId = coordinator.Id,
                StartedAt = started,
                EndedAt = ended is { } e && e < context.Now ? e : null,
            });
            if (hasAccount && context.Random.NextDouble() < 0.3)
            {
                var supporter = NewUser(context, $"supporter{n}", supporterRole, $"{context.Pick(FirstNames)} {context.Pick(LastNames)}");
                db.SupporterLinks.Add(new SupporterLink
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.Id,
                    SupporterUserId = supporter.Id,
                    Relationship = context.Pick(Relationships),
                    CreatedAt = started.AddDays(context.Random.Next(1, 60)),
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static void AddStaff(DemoSeedContext context, AppUser user, JobRole jobRole, bool isAdmin, Team? team, TeamRole teamRole)
    {
        context.Db.StaffMemberships.Add(new StaffMembership
        {
            Id = Guid.NewGuid(),
            OrganisationId = context.Organisation.Id,
            UserId = user.Id,
            JobRole = jobRole,
            IsAdministrator = isAdmin,
            JoinedAt = context.HistoryStart,
        });
        if (team is not null)
        {
            context.Db.TeamMemberships.Add(new TeamMembership
            {
                Id = Guid.NewGuid(),
                TeamId = team.Id,
                UserId = user.Id,
                Role = teamRole,
                JoinedAt = context.HistoryStart,
            });
        }
    }

    /// <summary>
    /// A background account with no password: it cannot be signed in to, and creating it skips the
    /// deliberately slow password hashing, so seeding hundreds of people stays quick.
    /// </summary>
    private static AppUser NewUser(DemoSeedContext context, string handle, AppRole role, string? displayName = null)
    {
        var email = $"{handle}@demo.livingbetter.example";
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = displayName ?? $"{context.Pick(FirstNames)} {context.Pick(LastNames)}",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            CreatedAt = context.HistoryStart,
        };
        context.Db.Users.Add(user);
        context.Db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        return user;
    }

    private static string Weighted(Random random, string[] values, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < values.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return values[i];
            }
        }
        return values[^1];
    }
}
