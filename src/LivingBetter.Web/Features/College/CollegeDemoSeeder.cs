using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College;

/// <summary>
/// A term of the demo trust's Recovery College: eight courses across the last four months and the
/// next two, each taught by a trainer with lived experience and a professional trainer, with bookings,
/// registers, feedback, and training records for the workforce picture. Course wording is our own.
/// </summary>
public sealed class CollegeDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    private sealed record Spec(string Title, string Description, CourseAudience Audience, string Place, int Capacity, int StartWeek, int Sessions);

    private static readonly Spec[] Specs =
    [
        new("Understanding recovery",
            "What does recovery mean to you? Over four mornings we share what has helped us, talk about hope, control and opportunity, and hear from people who have been there.\nNo experience needed: come as you are.",
            CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Families | CourseAudience.Staff, "Northbridge Community Hub, 14 Mill Lane, Northbridge", 16, -17, 4),
        new("Writing your staying-well plan",
            "A small, friendly group where we each write our own plan for staying well, a step at a time: what I'm like when I'm well, what keeps me well, and what I want to happen when things get hard.\nYour plan stays yours. You decide who sees it.",
            CourseAudience.PeopleUsingServices | CourseAudience.Staff, "Eastmoor Library, Meeting Room 2", 12, -14, 3),
        new("Managing money when times are hard",
            "Practical sessions on budgeting, benefits, debt and where to get free advice, with time to ask questions in confidence.",
            CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Families, "Riverside Resource Centre, Station Road", 14, -11, 3),
        new("Sleeping better",
            "Why sleep goes wrong, and small changes that can help. We try things out between sessions and share what worked.",
            CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Staff, "Hallam Vale Wellbeing Centre", 14, -8, 3),
        new("Caring for someone and for yourself",
            "For carers, family and friends: understanding what the person you care about is going through, looking after your own wellbeing, and how to be involved in their plans if they want you to be.",
            CourseAudience.Carers | CourseAudience.Families, "Northbridge Community Hub, 14 Mill Lane, Northbridge", 12, -5, 4),
        new("Facilitating plan-writing groups",
            "For peer support workers, staff and people who have written their own plan: how to run a plan-writing group together, keep it safe and keep it the writer's own.",
            CourseAudience.PeopleUsingServices | CourseAudience.Staff, "Trust Learning Centre, Eastmoor", 10, -2, 4),
        new("Getting back to work or volunteering",
            "Thinking about work, study or volunteering? We look at what you want, what gets in the way, your rights at work, and local help.",
            CourseAudience.PeopleUsingServices, "Riverside Resource Centre, Station Road", 12, 1, 4),
        new("Living with voices",
            "A space to talk openly about hearing voices and other unusual experiences, with trainers who know it from the inside and from practice.",
            CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Families | CourseAudience.Staff, "Hallam Vale Wellbeing Centre", 12, 5, 3),
    ];

    private static readonly string[] Useful =
    [
        "Hearing from the trainer who has been through it too.", "Meeting people who understood.", "The practical tips I could try at home.",
        "Having time to write my own plan with support.", "Feeling I was not on my own.", "Learning that recovery looks different for everyone.",
        "The handouts and the list of local groups.", "Being listened to without being judged.",
    ];

    private static readonly string[] Change =
    [
        "Longer sessions.", "A follow-up session a month later.", "More on what to do in a crisis.", "Evening sessions for people who work.",
        "Smaller groups.", "Nothing, it was just right.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var org = context.Organisation;
        var peer = context.Accounts["peer"];
        var staff = context.Accounts["staff"];
        var lead = context.Accounts["teamlead"];
        var alex = context.People[0];
        // A few people who have their own account and have themselves become trainers.
        var withAccounts = context.People.Skip(1).Where(p => p.UserId is not null).ToList();
        var personTrainer = withAccounts[0];
        var today = DateOnly.FromDateTime(UkTime.ToUk(context.Now).Date);

        var courses = new List<Course>();
        foreach (var (spec, index) in Specs.Select((s, i) => (s, i)))
        {
            var course = new Course
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                Title = spec.Title,
                Description = spec.Description,
                Audience = spec.Audience,
                Place = spec.Place,
                Capacity = spec.Capacity,
                SessionsForCertificate = Math.Max(1, spec.Sessions - 1),
                LivedExperienceTrainerUserId = index % 3 == 2 ? personTrainer.UserId!.Value : peer.Id,
                ProfessionalTrainerUserId = index % 2 == 0 ? staff.Id : lead.Id,
                CreatedAt = context.Now.AddDays(spec.StartWeek * 7 - 30),
            };
            // Tuesdays or Thursdays, weekly, 10:00 to 12:30 UK time.
            var first = today.AddDays(spec.StartWeek * 7 + (index % 2 == 0 ? 0 : 2));
            for (var n = 0; n < spec.Sessions; n++)
            {
                var day = first.AddDays(7 * n);
                course.Sessions.Add(new CourseSession
                {
                    Id = Guid.NewGuid(),
                    Number = n + 1,
                    StartsAt = UkTime.FromUk(day, new TimeOnly(10, 0)),
                    EndsAt = UkTime.FromUk(day, new TimeOnly(12, 30)),
                });
            }
            courses.Add(course);
        }
        db.AddRange(courses);

        var pool = withAccounts.Skip(1).ToList();
        var enrolments = new List<Enrolment>();
        var attendance = new List<SessionAttendance>();
        var feedback = new List<CourseFeedback>();
        foreach (var course in courses)
        {
            var firstStart = course.Sessions.Min(s => s.StartsAt);
            var future = firstStart > context.Now;
            // Past courses filled up; the next ones are still booking.
            var wanted = future ? course.Capacity / 2 + context.Random.Next(0, course.Capacity / 2) : course.Capacity + context.Random.Next(0, 4);
            var chosen = pool.OrderBy(_ => context.Random.Next()).Take(wanted).Select(p => p.UserId!.Value).ToList();
            if (course == courses[1] || course == courses[6])
            {
                chosen.Insert(0, alex.UserId!.Value);
            }
            for (var i = 0; i < chosen.Count; i++)
            {
                var kind = course.Audience.HasFlag(CourseAudience.PeopleUsingServices) ? AttendeeKind.PersonUsingServices
                    : course.Audience.HasFlag(CourseAudience.Carers) ? AttendeeKind.Carer : AttendeeKind.FamilyMember;
                if (kind != AttendeeKind.PersonUsingServices && i % 3 == 1 && course.Audience.HasFlag(CourseAudience.Families))
                {
                    kind = AttendeeKind.FamilyMember;
                }
                var requested = course.CreatedAt.AddDays(1 + i * 0.5);
                var enrolled = i < course.Capacity;
                var e = new Enrolment
                {
                    Id = Guid.NewGuid(),
                    CourseId = course.Id,
                    UserId = chosen[i],
                    Kind = kind,
                    Status = enrolled ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting,
                    RequestedAt = requested,
                    PlaceGivenAt = enrolled ? requested : null,
                };
                if (enrolled && !future && chosen[i] != alex.UserId && context.Random.NextDouble() < 0.08)
                {
                    e.Status = EnrolmentStatus.Cancelled;
                    e.CancelledAt = firstStart.AddDays(-3);
                }
                enrolments.Add(e);
                if (e.Status != EnrolmentStatus.Enrolled)
                {
                    continue;
                }
                var came = 0;
                foreach (var s in course.Sessions.Where(s => s.EndsAt < context.Now))
                {
                    var attended = e.UserId == alex.UserId || context.Random.NextDouble() < 0.8;
                    came += attended ? 1 : 0;
                    attendance.Add(new SessionAttendance
                    {
                        Id = Guid.NewGuid(),
                        SessionId = s.Id,
                        EnrolmentId = e.Id,
                        Attended = attended,
                        RecordedByUserId = course.LivedExperienceTrainerUserId,
                        RecordedAt = s.EndsAt.AddHours(1),
                    });
                }
                var finished = course.Sessions.Max(s => s.EndsAt) < context.Now;
                if (finished && came > 0 && e.UserId != alex.UserId && context.Random.NextDouble() < 0.75)
                {
                    feedback.Add(new CourseFeedback
                    {
                        Id = Guid.NewGuid(),
                        CourseId = course.Id,
                        UserId = e.UserId,
                        HopeAndControl = Math.Clamp(3 + context.Random.Next(-1, 3), 1, 5),
                        MostUseful = context.Random.NextDouble() < 0.8 ? context.Pick(Useful) : "",
                        WouldChange = context.Random.NextDouble() < 0.6 ? context.Pick(Change) : "",
                        SubmittedAt = course.Sessions.Max(s => s.EndsAt).AddDays(context.Random.Next(0, 10)),
                    });
                }
            }
        }
        db.AddRange(enrolments);
        db.AddRange(attendance);
        db.AddRange(feedback);

        // The workforce picture: who is trained to facilitate plan-writing groups, across teams.
        var admin = context.Accounts["admin"];
        var staffUsers = await db.StaffMemberships.Where(m => m.OrganisationId == org.Id && !m.IsAdministrator)
            .Select(m => new { m.UserId, m.JobRole }).ToListAsync(ct);
        var records = new List<TrainingRecord>
        {
            Record(org.Id, peer.Id, TrainingRecord.PlanWritingFacilitator, context.HistoryStart.AddDays(40), admin.Id, courses[5].Id),
            Record(org.Id, peer.Id, TrainingRecord.CollegeTrainer, context.HistoryStart.AddDays(60), admin.Id, null),
            Record(org.Id, staff.Id, TrainingRecord.PlanWritingFacilitator, context.HistoryStart.AddDays(90), admin.Id, null),
        };
        foreach (var s in staffUsers.Where(s => s.UserId != peer.Id && s.UserId != staff.Id))
        {
            var chance = s.JobRole == JobRole.PeerSupportWorker ? 0.8 : 0.35;
            if (context.Random.NextDouble() < chance)
            {
                records.Add(Record(org.Id, s.UserId, TrainingRecord.PlanWritingFacilitator, context.HistoryStart.AddDays(context.Random.Next(0, 500)), admin.Id, null));
            }
            if (context.Random.NextDouble() < 0.5)
            {
                records.Add(Record(org.Id, s.UserId, TrainingRecord.RecoveryIntroduction, context.HistoryStart.AddDays(context.Random.Next(0, 500)), admin.Id, null));
            }
        }
        db.AddRange(records);

        // Facilitator training counts from the register: the current facilitator course, and a finished one earlier
        // in the year where some staff (and some people using services) came to every session.
        courses[5].TrainsPlanWritingFacilitators = true;
        // Staff with no facilitator record typed in come first, so the demo always shows someone trained only through
        // attendance ("From attendance: ..."), whatever order the database returns the staff in (the first five attend).
        var typedIn = records.Where(r => r.Kind == TrainingRecord.PlanWritingFacilitator).Select(r => r.UserId).ToHashSet();
        var candidates = staffUsers.Select(s => s.UserId).Where(id => id != peer.Id && id != lead.Id).ToList();
        SeedFinishedFacilitatorCourse(context, today, peer.Id, lead.Id, [.. candidates.Where(id => !typedIn.Contains(id)), .. candidates.Where(typedIn.Contains)], pool);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Uses its own random numbers, so the rest of the demo term stays as it was.</summary>
    private static void SeedFinishedFacilitatorCourse(DemoSeedContext context, DateOnly today, Guid livedTrainer, Guid professionalTrainer,
        List<Guid> staffIds, List<Person> pool)
    {
        var random = new Random(20261201);
        var course = new Course
        {
            Id = Guid.NewGuid(),
            OrganisationId = context.Organisation.Id,
            Title = "Co-facilitating plan-writing groups: spring group",
            Description = "Three days for staff and people with their own plan who want to run plan-writing groups in pairs: one with lived experience and one from the team.\nYou practise each part of a group and leave with a plan for your first one.",
            Audience = CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Staff,
            Place = "Trust Learning Centre, Eastmoor",
            Capacity = 12,
            SessionsForCertificate = 3,
            LivedExperienceTrainerUserId = livedTrainer,
            ProfessionalTrainerUserId = professionalTrainer,
            TrainsPlanWritingFacilitators = true,
            CreatedAt = context.Now.AddDays(-200),
        };
        var first = today.AddDays(-24 * 7 + 1);
        for (var n = 0; n < 3; n++)
        {
            var day = first.AddDays(7 * n);
            course.Sessions.Add(new CourseSession { Id = Guid.NewGuid(), Number = n + 1, StartsAt = UkTime.FromUk(day, new TimeOnly(9, 30)), EndsAt = UkTime.FromUk(day, new TimeOnly(15, 30)) });
        }
        context.Db.Add(course);
        var learners = staffIds.Take(5).Select(id => (Id: id, Kind: AttendeeKind.Staff))
            .Concat(pool.OrderBy(_ => random.Next()).Take(6).Select((p, i) => (Id: p.UserId!.Value, Kind: i % 3 == 2 ? AttendeeKind.Carer : AttendeeKind.PersonUsingServices)))
            .ToList();
        foreach (var (learner, index) in learners.Select((l, i) => (l, i)))
        {
            var requested = course.CreatedAt.AddDays(1 + index);
            var enrolment = new Enrolment { Id = Guid.NewGuid(), CourseId = course.Id, UserId = learner.Id, Kind = learner.Kind, Status = EnrolmentStatus.Enrolled, RequestedAt = requested, PlaceGivenAt = requested };
            context.Db.Add(enrolment);
            foreach (var session in course.Sessions)
            {
                // Most came to everything; one member of staff missed the last day, so is not counted as trained.
                var attended = !(index == 4 && session.Number == 3) && (learner.Kind == AttendeeKind.Staff || random.NextDouble() < 0.85);
                context.Db.Add(new SessionAttendance
                {
                    Id = Guid.NewGuid(),
                    SessionId = session.Id,
                    EnrolmentId = enrolment.Id,
                    Attended = attended,
                    RecordedByUserId = livedTrainer,
                    RecordedAt = session.EndsAt.AddHours(1),
                });
            }
        }
    }

    private static TrainingRecord Record(Guid orgId, Guid userId, string kind, DateTimeOffset on, Guid by, Guid? courseId) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = orgId,
        UserId = userId,
        Kind = kind,
        CompletedOn = on,
        CourseId = courseId,
        RecordedByUserId = by,
        RecordedAt = on.AddDays(1),
    };
}
