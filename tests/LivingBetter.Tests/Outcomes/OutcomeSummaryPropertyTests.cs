using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Outcomes;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Outcomes;

/// <summary>
/// Over generated cohorts written to the database (people in up to two teams, some opted out or with ended
/// support, birth years on the age-band edges, unrecorded gender or ethnicity, check-ins on the same day,
/// different scales, skipped ratings, goals, measure scores), then partly edited and deleted through ordinary
/// saves: the report read from the summary tables gives exactly the figures the old computation from the raw
/// check-ins gives, for every breakdown and for filtered reports.
/// </summary>
public sealed class OutcomeSummaryPropertyTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    public sealed record GenRating(int? Rating, bool Help);

    public sealed record GenCheckIn(int Day, int Scale, GenRating[] Ratings, bool Delete, int? EditTo);

    public sealed record GenScore(int Day, int? Metric, int? Raw, bool Delete);

    public sealed record GenPerson(int? BirthYear, int Gender, int Ethnicity, bool OptedOut, int Team, bool Ended, int? SecondTeam,
        GenCheckIn[] CheckIns, int GoalDomain, GenScore[] Scores);

    private static readonly LifeDomain[] Areas = [DefaultDomains.All[0], DefaultDomains.All[3], DefaultDomains.All[4]];
    private static readonly (int Min, int Max)[] Scales = [(1, 10), (0, 10), (1, 5)];
    private static readonly string?[] Genders = [null, "", "Woman", "Man"];
    private static readonly string?[] Ethnicities = [null, "Group A", "Group B"];

    public static Arbitrary<GenPerson[]> Cohorts()
    {
        var rating = from skipped in Gen.Elements(false, false, false, true)
                     from value in Gen.Choose(0, 10)
                     from help in Gen.Elements(true, false)
                     select new GenRating(skipped ? null : value, help);
        var checkIn = from day in Gen.Choose(0, 5)
                      from scale in Gen.Choose(0, 2)
                      from ratings in Gen.ArrayOf(rating, Areas.Length)
                      from delete in Gen.Elements(false, false, false, false, true)
                      from edit in Gen.Elements<int?>(null, null, null, 0, 3, 9)
                      select new GenCheckIn(day, scale, ratings, delete, edit);
        var score = from day in Gen.Choose(0, 4)
                    from metric in Gen.Elements<int?>(null, 10, 15, 20, 25)
                    from raw in Gen.Elements<int?>(null, 12, 18, 30)
                    from delete in Gen.Elements(false, false, false, true)
                    select new GenScore(day, metric, raw, delete);
        var person = from birth in Gen.Elements<int?>(null, 1950, 1960, 1961, 1975, 1976, 1990, 1991, 2000, 2001)
                     from gender in Gen.Choose(0, Genders.Length - 1)
                     from ethnicity in Gen.Choose(0, Ethnicities.Length - 1)
                     from optedOut in Gen.Elements(false, false, false, true)
                     from team in Gen.Choose(0, 2)
                     from ended in Gen.Elements(false, false, false, true)
                     from second in Gen.Elements<int?>(null, null, null, 0, 1, 2)
                     from checkIns in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(checkIn, n))
                     from goal in Gen.Choose(-1, Areas.Length - 1)
                     from scores in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(score, n))
                     select new GenPerson(birth, gender, ethnicity, optedOut, team, ended, second, checkIns, goal, scores);
        return Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(person, n)).ToArbitrary();
    }

    private sealed record Trust(Guid OrganisationId, Guid[] Divisions, Guid[] Teams, Guid MeasureId);

    /// <summary>Writes the cohort in one save, then edits and deletes some check-ins and scores in a second save.</summary>
    private async Task<Trust> WriteAsync(GenPerson[] people)
    {
        var now = app.Time.GetUtcNow();
        var id = Guid.NewGuid();
        var org = new Organisation { Id = id, Name = $"Generated trust {id}", CreatedAt = now };
        Guid[] divisions = [Guid.NewGuid(), Guid.NewGuid()];
        var locality = Guid.NewGuid();
        Guid[] teams = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var measure = new MeasureDefinition
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            Code = "GEN",
            Title = "Generated measure",
            Enabled = true,
            DefinitionJson = Measures.MeasureFixtures.Questionnaire(7),
            ScoringJson = Measures.MeasureFixtures.ShortWellbeingScoring(),
            CreatedAt = now,
            CreatedByUserId = Guid.NewGuid(),
        };
        var edits = new List<(Guid CheckIn, Guid Area, int Min, int Max, int To)>();
        var deletions = new List<Guid>();
        var scoreDeletions = new List<Guid>();
        await app.WithDbAsync(async db =>
        {
            db.Add(org);
            db.Add(new Division { Id = divisions[0], OrganisationId = org.Id, Name = "North" });
            db.Add(new Division { Id = divisions[1], OrganisationId = org.Id, Name = "South" });
            db.Add(new Locality { Id = locality, OrganisationId = org.Id, Name = "Riverside" });
            db.Add(new Team { Id = teams[0], OrganisationId = org.Id, Name = "Team A", DivisionId = divisions[0], LocalityId = locality });
            db.Add(new Team { Id = teams[1], OrganisationId = org.Id, Name = "Team B", DivisionId = divisions[0] });
            db.Add(new Team { Id = teams[2], OrganisationId = org.Id, Name = "Team C", DivisionId = divisions[1], LocalityId = locality });
            db.Add(measure);
            var start = now.AddDays(-30);
            foreach (var p in people)
            {
                var person = new Person
                {
                    Id = Guid.NewGuid(),
                    PreferredName = "Someone",
                    BirthYear = p.BirthYear,
                    Gender = Genders[p.Gender],
                    Ethnicity = Ethnicities[p.Ethnicity],
                    OptedOutOfReporting = p.OptedOut,
                    CreatedAt = start,
                };
                db.Add(person);
                db.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teams[p.Team], StartedAt = start, EndedAt = p.Ended ? start.AddDays(1) : null });
                if (p.SecondTeam is { } second)
                {
                    db.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teams[second], StartedAt = start });
                }
                foreach (var c in p.CheckIns)
                {
                    var (min, max) = Scales[c.Scale];
                    // Same-day check-ins share the same time on purpose: the tie is broken by the check-in's id.
                    var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = person.Id, At = start.AddDays(c.Day), RecordedByUserId = Guid.NewGuid(), ScaleMin = min, ScaleMax = max };
                    for (var a = 0; a < Areas.Length; a++)
                    {
                        var r = c.Ratings[a];
                        checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Areas[a].Id, Rating = r.Rating is { } v ? Math.Clamp(v, min, max) : null, WantsHelp = r.Help });
                    }
                    db.Add(checkIn);
                    if (c.Delete)
                    {
                        deletions.Add(checkIn.Id);
                    }
                    else if (c.EditTo is { } to)
                    {
                        edits.Add((checkIn.Id, Areas[0].Id, min, max, to));
                    }
                }
                if (p.GoalDomain >= 0)
                {
                    var plan = new Plan { Id = Guid.NewGuid(), PersonId = person.Id, Kind = PlanKind.Wellbeing, CreatedAt = start, UpdatedAt = start };
                    plan.Sections.Add(new PlanSection
                    {
                        Id = Guid.NewGuid(),
                        Key = "goals",
                        State = SectionState.Started,
                        UpdatedAt = start,
                        Content = $$"""{"items":[{"id":"{{Guid.NewGuid()}}","words":"A goal","domainKey":"{{Areas[p.GoalDomain].Key}}"}]}""",
                    });
                    db.Add(plan);
                }
                foreach (var s in p.Scores)
                {
                    var response = new MeasureResponse
                    {
                        Id = Guid.NewGuid(),
                        PersonId = person.Id,
                        MeasureDefinitionId = measure.Id,
                        At = start.AddDays(s.Day),
                        RecordedByUserId = Guid.NewGuid(),
                        MetricScore = s.Metric,
                        RawScore = s.Raw,
                    };
                    db.Add(response);
                    if (s.Delete)
                    {
                        scoreDeletions.Add(response.Id);
                    }
                }
            }
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async db =>
        {
            foreach (var (checkInId, area, min, max, to) in edits)
            {
                var rating = db.CheckInRatings.Single(r => r.CheckInId == checkInId && r.DomainId == area);
                rating.Rating = Math.Clamp(to, min, max);
                rating.WantsHelp = !rating.WantsHelp;
            }
            db.CheckIns.RemoveRange(db.CheckIns.Where(c => deletions.Contains(c.Id)));
            db.RemoveRange(db.Set<MeasureResponse>().Where(r => scoreDeletions.Contains(r.Id)));
            await db.SaveChangesAsync();
        });
        return new Trust(org.Id, divisions, teams, measure.Id);
    }

    [Property(Arbitrary = [typeof(OutcomeSummaryPropertyTests)], MaxTest = 25)]
    public async Task<bool> SummaryReport_GeneratedCohortEditedAndDeleted_SameFiguresAsComputedFromRawCheckIns(GenPerson[] people)
    {
        var trust = await WriteAsync(people);
        var year = app.Time.GetUtcNow().Year;
        OutcomeFilter[] filters =
        [
            .. Enum.GetValues<Breakdown>().Select(b => new OutcomeFilter { By = b }),
            new() { DivisionId = trust.Divisions[0], By = Breakdown.AgeBand },
            new() { TeamId = trust.Teams[1], By = Breakdown.Gender },
            new() { AgeBand = "36 to 50", Gender = OutcomeQuery.NotRecorded, By = Breakdown.Team },
            new() { AgeBand = OutcomeQuery.NotRecorded, Ethnicity = "Group A", By = Breakdown.Locality },
        ];
        await app.WithDbAsync(async db =>
        {
            var summary = new OutcomeQuery(db);
            var raw = new RawOutcomeQuery(db);
            foreach (var f in filters)
            {
                var (changes, unmet) = await summary.DomainsAsync(trust.OrganisationId, f, year, default);
                var (rawChanges, rawUnmet) = await raw.DomainsAsync(trust.OrganisationId, f, year, default);
                Assert.Equal(Sorted(rawChanges), Sorted(changes));
                Assert.Equal(Sorted(rawUnmet), Sorted(unmet));
                // Both directions of "better", and a measure with no reliable-change amount.
                foreach (var measure in new[] { new MeasureInfo(trust.MeasureId, "M", 5m, true), new MeasureInfo(trust.MeasureId, "M", 5m, false), new MeasureInfo(trust.MeasureId, "M", null, true) })
                {
                    var measures = await summary.MeasureChangeAsync(trust.OrganisationId, f, year, measure, default);
                    var rawMeasures = await raw.MeasureChangeAsync(trust.OrganisationId, f, year, measure, default);
                    Assert.Equal(Sorted(rawMeasures), Sorted(measures));
                }
            }
        });
        return true;
    }

    private static List<T> Sorted<T>(IEnumerable<T> rows) => [.. rows.OrderBy(r => r!.ToString(), StringComparer.Ordinal)];
}
