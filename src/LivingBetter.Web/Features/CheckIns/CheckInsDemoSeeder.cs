using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>
/// Eighteen months of check-ins: Alex improves with a hard patch in the middle; others improve, stay
/// level, slowly decline or go up and down, and many have gaps. One AddRange, saved by the runner.
/// </summary>
public sealed class CheckInsDemoSeeder : IDemoSeeder
{
    public int Order => 20;

    private enum Path { Improving, Level, Declining, UpAndDown }

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var random = context.Random;
        var domains = DefaultDomains.All;
        var checkIns = new List<CheckIn>();
        var schedules = new List<CheckInSchedule>();
        var alex = context.People[0];
        var priya = context.Accounts.TryGetValue(DemoAccounts.Staff.Key, out var p) ? p : null;

        // Alex: starts low, climbs, dips hard around months 9 to 11, then recovers past where they were.
        var alexDates = Dates(context.HistoryStart.AddDays(3), context.Now.AddDays(-6), 30, random, allowGaps: false);
        foreach (var (at, i) in alexDates.Select((d, i) => (d, i)))
        {
            var months = (at - context.HistoryStart).TotalDays / 30.4;
            var baseline = months switch
            {
                < 9 => 3.2 + months * 0.35,
                < 11 => 6.3 - (months - 9) * 1.5,
                _ => 3.6 + (months - 11) * 0.55,
            };
            var worker = priya is not null && i % 4 == 3 ? priya.Id : (Guid?)null;
            checkIns.Add(Make(alex, at, baseline, domains, random, worker, i == alexDates.Count - 1 ? "Better than I expected. The walking group is helping." : ""));
        }
        schedules.Add(new CheckInSchedule { PersonId = alex.Id, EveryDays = 28, UpdatedAt = context.HistoryStart });
        context.Db.SharingGrants.Add(new SharingGrant
        {
            Id = Guid.NewGuid(),
            PersonId = alex.Id,
            GranteeTeamId = context.Teams[0].Id,
            Part = SharedPart.CheckIns,
            Access = ShareAccess.Suggest,
            CreatedAt = context.HistoryStart.AddDays(2),
        });

        // About a third of everyone else with an account checks in.
        foreach (var person in context.People.Skip(1).Where(x => x.UserId is not null).Take(100))
        {
            var path = (Path)random.Next(4);
            var start = person.CreatedAt.AddDays(random.Next(1, 30));
            var dates = Dates(start, context.Now.AddDays(-random.Next(0, 60)), random.Next(21, 60), random, allowGaps: true);
            var level = 3.0 + random.NextDouble() * 3;
            foreach (var at in dates)
            {
                var months = (at - start).TotalDays / 30.4;
                var baseline = path switch
                {
                    Path.Improving => level + months * 0.25,
                    Path.Level => level + 1,
                    Path.Declining => level + 2 - months * 0.15,
                    _ => level + 1.5 + 2 * Math.Sin(months / 2),
                };
                checkIns.Add(Make(person, at, baseline, domains, random, null, ""));
            }
            if (random.NextDouble() < 0.6)
            {
                schedules.Add(new CheckInSchedule { PersonId = person.Id, EveryDays = context.Pick([14, 28, 28, 91]), UpdatedAt = start });
            }
        }
        context.Db.CheckIns.AddRange(checkIns);
        context.Db.Set<CheckInSchedule>().AddRange(schedules);
        return Task.CompletedTask;
    }

    private static List<DateTimeOffset> Dates(DateTimeOffset from, DateTimeOffset to, int everyDays, Random random, bool allowGaps)
    {
        var dates = new List<DateTimeOffset>();
        for (var at = from; at < to; at = at.AddDays(everyDays + random.Next(-5, 8)))
        {
            dates.Add(at.AddHours(random.Next(8, 20)));
            if (allowGaps && random.NextDouble() < 0.12)
            {
                at = at.AddDays(random.Next(45, 120));
            }
        }
        return dates;
    }

    private static CheckIn Make(Person person, DateTimeOffset at, double baseline, IReadOnlyList<LifeDomain> domains, Random random, Guid? workerId, string note)
    {
        var checkIn = new CheckIn
        {
            Id = Guid.NewGuid(),
            PersonId = person.Id,
            At = at,
            Note = note,
            RecordedByUserId = person.UserId ?? Guid.Empty,
            ScaleMin = 1,
            ScaleMax = 10,
            WorkerUserId = workerId,
            WorkerRatedAt = workerId is null ? null : at.AddHours(1),
        };
        foreach (var domain in domains)
        {
            // Each domain has its own lean, so the wheel is not a circle.
            var lean = (domain.Order * 7 % 5 - 2) * 0.6;
            var value = (int)Math.Round(Math.Clamp(baseline + lean + random.NextDouble() * 2 - 1, 1, 10));
            var skipped = random.NextDouble() < 0.04;
            checkIn.Ratings.Add(new CheckInRating
            {
                Id = Guid.NewGuid(),
                DomainId = domain.Id,
                Rating = skipped ? null : value,
                WantsHelp = !skipped && value <= 4 && random.NextDouble() < 0.5,
                WorkerRating = workerId is null ? null : Math.Clamp(value + random.Next(-2, 2), 1, 10),
            });
        }
        return checkIn;
    }
}
