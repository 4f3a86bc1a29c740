using LivingBetter.Web.Features.CheckIns;

namespace LivingBetter.Benchmarks.Outcomes;

/// <summary>
/// A large, made-up trust for the outcome-report benchmark: the same seed always gives the same rows,
/// so SQLite, PostgreSQL and DuckDB are loaded with identical data in one run. Rows are produced one
/// person at a time, never all held in memory.
/// </summary>
public sealed class OutcomesData(int people, int checkInsPerPerson = 20, int seed = 42)
{
    public static readonly Guid OrganisationId = new("0b7c0000-0000-4000-8000-000000000001");
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    public const int Divisions = 7;
    public const int Localities = 4;
    public const int TeamsPerDivision = 3;

    private static readonly string?[] Genders = ["Woman", "Man", "Woman", "Man", "Non-binary", null];
    private static readonly string?[] Ethnicities = ["White British", "White other", "Asian or Asian British", "Black or Black British", "Mixed", "Other", null];

    public int People => people;
    public int CheckInsPerPerson => checkInsPerPerson;
    public static IReadOnlyList<Guid> DomainIds { get; } = DefaultDomains.All.Select(d => d.Id).ToList();
    public static IReadOnlyList<string> DomainKeys { get; } = DefaultDomains.All.Select(d => d.Key).ToList();

    public static Guid DivisionId(int d) => new($"0b7c0000-0000-4000-8001-{d:D12}");
    public static Guid LocalityId(int l) => new($"0b7c0000-0000-4000-8002-{l:D12}");
    public static Guid TeamId(int t) => new($"0b7c0000-0000-4000-8003-{t:D12}");
    public static int Teams => Divisions * TeamsPerDivision;

    public sealed record PersonRow(Guid Id, int BirthYear, string? Gender, string? Ethnicity, bool OptedOut, DateTimeOffset CreatedAt);
    public sealed record EpisodeRow(Guid Id, Guid PersonId, Guid TeamId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);
    public sealed record CheckInRow(Guid Id, Guid PersonId, DateTimeOffset At);
    public sealed record RatingRow(Guid Id, Guid CheckInId, Guid DomainId, int? Rating, bool WantsHelp);
    public sealed record GoalsRow(Guid PlanId, Guid SectionId, Guid PersonId, string Content);

    public sealed record PersonBundle(PersonRow Person, IReadOnlyList<EpisodeRow> Episodes, IReadOnlyList<CheckInRow> CheckIns, IReadOnlyList<RatingRow> Ratings, GoalsRow? Goals);

    /// <summary>Teams of uneven size: the first team of each division is about three times the size of its third.</summary>
    private static int PickTeam(Random random)
    {
        var division = random.Next(Divisions);
        var roll = random.NextDouble();
        return division * TeamsPerDivision + (roll < 0.55 ? 0 : roll < 0.82 ? 1 : 2);
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public IEnumerable<PersonBundle> Generate()
    {
        var random = new Random(seed);
        for (var p = 0; p < people; p++)
        {
            var start = Now.AddDays(-random.Next(60, 540));
            var person = new PersonRow(NewGuid(random), random.Next(1940, 2009), Genders[random.Next(Genders.Length)],
                Ethnicities[random.Next(Ethnicities.Length)], random.NextDouble() < 0.03, start);
            var ended = random.NextDouble() < 0.15;
            var team = PickTeam(random);
            var episodes = new List<EpisodeRow> { new(NewGuid(random), person.Id, TeamId(team), start, ended ? Now.AddDays(-random.Next(1, 30)) : null) };
            if (random.NextDouble() < 0.05)
            {
                // Some people are supported by a second team at the same time (counted once in each team's group).
                episodes.Add(new EpisodeRow(NewGuid(random), person.Id, TeamId((team + 1 + random.Next(Teams - 1)) % Teams), start.AddDays(random.Next(0, 30)), null));
            }
            // Between 1 and 39 check-ins, 20 on average, so people.CheckInsPerPerson check-ins in all on average.
            var count = 1 + random.Next(2 * checkInsPerPerson - 1);
            var checkIns = new List<CheckInRow>(count);
            var ratings = new List<RatingRow>(count * DomainIds.Count);
            var level = new double[DomainIds.Count];
            var trend = new double[DomainIds.Count];
            for (var d = 0; d < level.Length; d++)
            {
                level[d] = random.Next(2, 8);
                trend[d] = (random.NextDouble() - 0.35) * 0.3;
            }
            var step = (Now - start).TotalMinutes / count;
            for (var c = 0; c < count; c++)
            {
                var checkIn = new CheckInRow(NewGuid(random), person.Id, start.AddMinutes(step * c + random.Next(0, 600)));
                checkIns.Add(checkIn);
                for (var d = 0; d < DomainIds.Count; d++)
                {
                    level[d] = Math.Clamp(level[d] + trend[d] + (random.NextDouble() - 0.5), 1, 10);
                    var skipped = random.NextDouble() < 0.08;
                    var rating = skipped ? (int?)null : (int)Math.Round(level[d]);
                    ratings.Add(new RatingRow(NewGuid(random), checkIn.Id, DomainIds[d], rating, rating is <= 3 && random.NextDouble() < 0.5));
                }
            }
            GoalsRow? goals = null;
            if (random.NextDouble() < 0.4)
            {
                var keys = Enumerable.Range(0, random.Next(1, 4)).Select(_ => DomainKeys[random.Next(DomainKeys.Count)]).Distinct();
                var items = string.Join(',', keys.Select(k => $$"""{"id":"{{NewGuid(random)}}","words":"A goal","whyItMatters":"","domainKey":"{{k}}","steps":[],"achievedOn":null,"celebration":""}"""));
                goals = new GoalsRow(NewGuid(random), NewGuid(random), person.Id, $$"""{"items":[{{items}}]}""");
            }
            yield return new PersonBundle(person, episodes, checkIns, ratings, goals);
        }
    }
}
