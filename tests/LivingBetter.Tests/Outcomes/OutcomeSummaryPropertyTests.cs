using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Outcomes;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Outcomes;

/// <summary>
/// Over generated cohorts written to the database (people in up to two teams, some opted out or with ended
/// support, birth years on the age-band edges, unrecorded gender or ethnicity, check-ins on the same day,
/// different scales, skipped ratings, goals, measure scores), then partly edited and deleted through ordinary
/// saves, then given later activity one save at a time (new check-ins and scores after the latest, which the summary
/// takes in place, mixed with back-dated and same-day ones, edits and deletions, which rebuild the person; some saves
/// synchronous): the report read from the summary tables gives exactly the figures the old computation from the raw
/// check-ins gives, for every breakdown and for filtered reports, and every summary row equals a fresh rebuild.
/// </summary>
public sealed class OutcomeSummaryPropertyTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    public sealed record GenRating(int? Rating, bool Help);

    public sealed record GenCheckIn(int Day, int Scale, GenRating[] Ratings, bool Delete, int? EditTo);

    public sealed record GenScore(int Day, int? Metric, int? Raw, bool Delete);

    /// <summary>
    /// One save after the cohort is written. Kind 0-2: a check-in after everything so far (days 6-9, so some tie
    /// with or come before an earlier addition); 3: a back-dated check-in (days 0-5); 4: an edited rating; 5: a
    /// deleted check-in; 6: a measure score (days 3-8, so some are back-dated).
    /// </summary>
    public sealed record GenLater(int Kind, int Day, int Pick, GenRating[] Ratings, int? Score, bool Sync);

    public sealed record GenPerson(int? BirthYear, int Gender, int Ethnicity, bool OptedOut, int Team, bool Ended, int? SecondTeam,
        GenCheckIn[] CheckIns, int GoalDomain, GenScore[] Scores, GenLater[] Later);

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
        var laterSave = from kind in Gen.Choose(0, 6)
                        from day in Gen.Choose(0, 11)
                        from pick in Gen.Choose(0, 9)
                        from ratings in Gen.ArrayOf(rating, Areas.Length)
                        from laterScore in Gen.Elements<int?>(null, 10, 15, 20, 25)
                        from sync in Gen.Elements(false, false, false, true)
                        select new GenLater(kind, day, pick, ratings, laterScore, sync);
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
                     from later in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(laterSave, n))
                     select new GenPerson(birth, gender, ethnicity, optedOut, team, ended, second, checkIns, goal, scores, later);
        return Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(person, n)).ToArbitrary();
    }

    private sealed record Trust(Guid OrganisationId, Guid[] Divisions, Guid[] Teams, Guid MeasureId, Guid[] People);

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
        var personIds = new Guid[people.Length];
        var checkInsOf = people.Select(_ => new List<Guid>()).ToArray();
        var start = now.AddDays(-30);
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
            for (var i = 0; i < people.Length; i++)
            {
                var p = people[i];
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
                personIds[i] = person.Id;
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
                    else
                    {
                        checkInsOf[i].Add(checkIn.Id);
                    }
                    if (!c.Delete && c.EditTo is { } to)
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
        await LaterAsync(people, personIds, checkInsOf, start, measure.Id);
        return new Trust(org.Id, divisions, teams, measure.Id, personIds);
    }

    /// <summary>The later saves, one change per save, taking the people in turn (each person's own in order).</summary>
    private async Task LaterAsync(GenPerson[] people, Guid[] personIds, List<Guid>[] checkInsOf, DateTimeOffset start, Guid measureId)
    {
        var rounds = people.Length == 0 ? 0 : people.Max(p => p.Later.Length);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < people.Length; i++)
            {
                if (round >= people[i].Later.Length)
                {
                    continue;
                }
                var later = people[i].Later[round];
                var mine = checkInsOf[i];
                await app.WithDbAsync(async db =>
                {
                    switch (later.Kind)
                    {
                        case <= 3:
                            var day = later.Kind == 3 ? later.Day % 6 : 6 + (later.Day % 4);
                            var (min, max) = Scales[later.Day % Scales.Length];
                            var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = personIds[i], At = start.AddDays(day), RecordedByUserId = Guid.NewGuid(), ScaleMin = min, ScaleMax = max };
                            for (var a = 0; a < Areas.Length; a++)
                            {
                                var r = later.Ratings[a];
                                checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Areas[a].Id, Rating = r.Rating is { } v ? Math.Clamp(v, min, max) : null, WantsHelp = r.Help });
                            }
                            db.Add(checkIn);
                            mine.Add(checkIn.Id);
                            break;
                        case 4 when mine.Count > 0:
                            var target = mine[later.Pick % mine.Count];
                            var rating = db.CheckInRatings.Single(r => r.CheckInId == target && r.DomainId == Areas[later.Pick % Areas.Length].Id);
                            var scale = db.CheckIns.Where(c => c.Id == target).Select(c => new { c.ScaleMin, c.ScaleMax }).Single();
                            rating.Rating = later.Ratings[0].Rating is { } to ? Math.Clamp(to, scale.ScaleMin, scale.ScaleMax) : null;
                            rating.WantsHelp = later.Ratings[0].Help;
                            break;
                        case 5 when mine.Count > 0:
                            var gone = mine[later.Pick % mine.Count];
                            mine.Remove(gone);
                            db.CheckIns.Remove(db.CheckIns.Single(c => c.Id == gone));
                            break;
                        case 6:
                            db.Add(new MeasureResponse
                            {
                                Id = Guid.NewGuid(),
                                PersonId = personIds[i],
                                MeasureDefinitionId = measureId,
                                At = start.AddDays(3 + (later.Day % 6)),
                                RecordedByUserId = Guid.NewGuid(),
                                MetricScore = later.Score,
                                RawScore = later.Pick % 3 == 0 ? 12 : null,
                            });
                            break;
                    }
                    if (later.Sync)
                    {
                        db.SaveChanges();
                    }
                    else
                    {
                        await db.SaveChangesAsync();
                    }
                });
            }
        }
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
            // Every summary row as it was kept up to date, and as a rebuild from the raw rows makes it.
            var kept = await SummaryRowsAsync(db, trust.People);
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await OutcomeSummaries.RefreshAsync(db, trust.People, default);
                Assert.Equal(await SummaryRowsAsync(db, trust.People), kept);
                await tx.RollbackAsync();
            }

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

    private static async Task<List<string>> SummaryRowsAsync(Web.Data.LivingBetterDbContext db, Guid[] people)
    {
        var domains = await db.Set<OutcomeDomainSummary>().AsNoTracking().Where(s => people.Contains(s.PersonId)).ToListAsync();
        var measures = await db.Set<OutcomeMeasureSummary>().AsNoTracking().Where(s => people.Contains(s.PersonId)).ToListAsync();
        return Sorted(domains.Select(d => $"{d.PersonId} {d.DomainId} {d.Ratings} {d.FirstRating} {d.FirstAt:O} {d.LatestRating} {d.LatestAt:O} {d.LatestWantsHelp} {d.LatestLow}")
            .Concat(measures.Select(m => $"{m.PersonId} {m.MeasureDefinitionId} {m.Scores} {m.FirstScore:R} {m.FirstAt:O} {m.LatestScore:R} {m.LatestAt:O}")));
    }

    private static List<T> Sorted<T>(IEnumerable<T> rows) => [.. rows.OrderBy(r => r!.ToString(), StringComparer.Ordinal)];
}
