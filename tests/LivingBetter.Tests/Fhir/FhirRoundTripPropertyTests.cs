using System.Collections;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>
/// Export then import, in memory, over thousands of generated records: the plans, check-ins and consents
/// that come back are exactly those that went out, and every exported bundle passes the Firely SDK's
/// strict structural rules and our own import rules.
/// </summary>
public sealed class FhirRoundTripPropertyTests
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'!?-£éüñ–\"\\/{}<>&";
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // Keys of the default wheel, so a generated bundle also passes the person's own import (which knows only their wheel's domains).
    private static readonly string[] DomainKeys = ["mental-wellbeing", "physical-health", "money", "home", "work-learning", "relationships-family"];

    private static Gen<string> Text(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), n)).Select(c => new string(c).Trim());

    private static Gen<string> NonEmptyText(int max) => Text(max).Where(s => s.Length > 0);

    private static Gen<DateTimeOffset> When =>
        Gen.Choose(0, 60 * 60 * 24 * 365 * 6).Zip(Gen.Choose(0, 999), (s, ms) => Epoch.AddSeconds(s).AddMilliseconds(ms));

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static Gen<Guid> Ids => Gen.Fresh(Guid.NewGuid);

    /// <summary>Section content: the section's own record with every field filled from a seed, so any shape a section has is covered.</summary>
    private static Gen<FhirSection> Section(SectionDef def) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from state in Gen.Elements(Enum.GetValues<SectionState>())
        from version in Gen.Choose(1, 40)
        from at in When
        from earlier in Gen.SubListOf(Enumerable.Range(1, version - 1).ToArray()).Select(l => l.Take(5).ToArray())
        from history in Gen.CollectToArray(earlier.Select(n => Earlier(def, n)))
        select new FhirSection(def.Key, state, version, SectionContent.Serialize(def, Fill(def.ContentType, new Random(seed), 0)), at) { History = history };

    /// <summary>An earlier version of a section: its own words, time and reason (possibly none).</summary>
    private static Gen<FhirSectionVersion> Earlier(SectionDef def, int number) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from at in When
        from reason in Text(FhirReader.ReasonMaxLength)
        select new FhirSectionVersion(number, SectionContent.Serialize(def, Fill(def.ContentType, new Random(seed), 0)), at, reason);

    private static object Fill(Type type, Random rnd, int depth)
    {
        var value = Activator.CreateInstance(type)!;
        foreach (var p in type.GetProperties().Where(p => p.CanWrite))
        {
            p.SetValue(value, Value(p.PropertyType, rnd, depth));
        }
        return value;
    }

    private static object? Value(Type t, Random rnd, int depth)
    {
        var under = Nullable.GetUnderlyingType(t);
        if (under is not null && rnd.Next(3) == 0)
        {
            return null;
        }
        t = under ?? t;
        if (t == typeof(string))
        {
            return new string(Enumerable.Range(0, rnd.Next(0, 40)).Select(_ => Alphabet[rnd.Next(Alphabet.Length)]).ToArray());
        }
        if (t == typeof(Guid))
        {
            return Guid.NewGuid();
        }
        if (t == typeof(decimal))
        {
            return Math.Round((decimal)rnd.NextDouble() * 10000m, 2);
        }
        if (t == typeof(int))
        {
            return rnd.Next(0, 100);
        }
        if (t == typeof(bool))
        {
            return rnd.Next(2) == 0;
        }
        if (t == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(Epoch.UtcDateTime.AddDays(rnd.Next(0, 3000)));
        }
        if (t.IsEnum)
        {
            var values = Enum.GetValues(t);
            return values.GetValue(rnd.Next(values.Length));
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(t)!;
            var item = t.GetGenericArguments()[0];
            for (var i = depth > 2 ? 0 : rnd.Next(0, 4); i > 0; i--)
            {
                list.Add(Value(item, rnd, depth + 1));
            }
            return list;
        }
        return Fill(t, rnd, depth + 1);
    }

    private static Gen<FhirPlan> Plan(PlanKind kind) =>
        from id in Ids
        from defs in Gen.SubListOf(PlanStructure.For(kind).ToArray())
        from sections in Gen.CollectToArray(defs.Select(Section))
        from title in NonEmptyText(40)
        from created in When
        from updated in When
        select new FhirPlan(id, kind, title, created, updated, sections.ToList());

    private static Gen<FhirRating> Rating(string key, int min, int max) =>
        from id in Ids
        from name in NonEmptyText(30)
        from skipped in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from rating in Gen.Choose(min, max)
        from worker in Maybe(Gen.Choose(min, max))
        from help in Gen.Elements(true, false)
        from note in Text(60)
        select new FhirRating(id, key, name, skipped ? null : rating, worker, help, note);

    private static Gen<FhirCheckIn> CheckIn =>
        from id in Ids
        from at in When
        from min in Gen.Choose(0, 1)
        from max in Gen.Elements(5, 7, 10)
        from keys in Gen.SubListOf(DomainKeys)
        from ratings in Gen.CollectToArray(keys.Select(k => Rating(k, min, max)))
        from note in Text(200)
        select new FhirCheckIn(id, at, note, min, max, ratings.ToList());

    private static Gen<FhirConsent> Consent =>
        from id in Ids
        from part in Gen.Elements(Enum.GetValues<SharedPart>())
        from access in Gen.Elements(Enum.GetValues<ShareAccess>())
        from grantee in Ids
        from toTeam in Gen.Elements(true, false)
        from created in When
        from expires in Maybe(When)
        from withdrawn in Maybe(When)
        select new FhirConsent(id, part, access, toTeam ? null : grantee, toTeam ? grantee : null, created, expires, withdrawn);

    /// <summary>A completed measure of one of the test definitions: any answered subset that still scores, any options, any time.</summary>
    private static Gen<FhirMeasureResponse> Measure =>
        from def in Gen.Elements(FhirTestMeasures.All.ToArray())
        from answered in Gen.SubListOf(def.LinkIds).Where(l => l.Count >= FhirTestMeasures.Loaded[def.Code].Scoring.MinimumAnswered)
        from options in Gen.ArrayOf(Gen.Elements(def.Options.Select(o => o.Code).ToArray()), answered.Count)
        from id in Ids
        from at in When
        select FhirTestMeasures.Completed(id, def.Code, at, answered.Zip(options).ToList());

    private static Gen<FhirPersonRecord> Record =>
        from id in Ids
        from name in NonEmptyText(60)
        from birth in Maybe(Gen.Choose(1930, 2010))
        from gender in NonEmptyText(20).OrNull()
        from stayingWell in Plan(PlanKind.StayingWell).OrNull()
        from wellbeing in Plan(PlanKind.Wellbeing).OrNull()
        from checkIns in Gen.ListOf(CheckIn).Resize(6)
        from consents in Gen.ListOf(Consent).Resize(5)
        from measures in Gen.ListOf(Measure).Resize(5)
        select new FhirPersonRecord
        {
            PersonId = id,
            PreferredName = name,
            BirthYear = birth,
            Gender = gender,
            Plans = new[] { stayingWell, wellbeing }.OfType<FhirPlan>().ToList(),
            CheckIns = checkIns.ToList(),
            Measures = measures.ToList(),
            Consents = consents.ToList(),
            // The people a consent names must be in the bundle for its references to resolve.
            Practitioners = consents.Where(c => c.GranteeUserId is not null).Select(c => new FhirPractitioner(c.GranteeUserId!.Value, "Someone")).ToList(),
            CareTeams = consents.Where(c => c.GranteeTeamId is not null).Select(c => new FhirCareTeam(c.GranteeTeamId!.Value, "A team", null, null, null, SupportsPerson: false)).ToList(),
        };

    /// <summary>What a round trip must keep: everything but the parts only exported for reading (people, teams, the log).</summary>
    private static string Kept(FhirPersonRecord r) => JsonSerializer.Serialize(new
    {
        r.PersonId,
        r.PreferredName,
        r.BirthYear,
        r.Gender,
        Plans = r.Plans.Select(p => new { p.Id, p.Kind, p.Title, Created = p.CreatedAt.ToUniversalTime(), Updated = p.UpdatedAt.ToUniversalTime(), Sections = p.Sections.Select(s => new { Section = s with { UpdatedAt = s.UpdatedAt.ToUniversalTime() }, History = s.History.Select(h => h with { SavedAt = h.SavedAt.ToUniversalTime() }) }) }),
        CheckIns = r.CheckIns.Select(c => c with { At = c.At.ToUniversalTime() }),
        Consents = r.Consents.Select(c => c with { CreatedAt = c.CreatedAt.ToUniversalTime(), ExpiresAt = c.ExpiresAt?.ToUniversalTime(), WithdrawnAt = c.WithdrawnAt?.ToUniversalTime() }),
        // Import reads only the codes: values and scores are not trusted, they are scored again (see Scored).
        Measures = r.Measures.Select(m => new { m.Id, m.MeasureCode, At = m.At.ToUniversalTime(), Answers = m.Answers.Select(a => new { a.LinkId, a.Code }) }),
    });

    /// <summary>Completed measures as they would be saved: measure code, time, linkId → option code and value, and the scores.</summary>
    private static string Scored(IEnumerable<FhirMeasureResponse> measures) => JsonSerializer.Serialize(
        measures.Select(m => new { m.Id, m.MeasureCode, At = m.At.ToUniversalTime(), Answers = m.Answers.Select(a => new { a.LinkId, a.Code, Value = Number(a.Value) }), Raw = Number(m.RawScore), Metric = Number(m.MetricScore) }));

    /// <summary>A number as its value, whatever scale the database gives it back with (3.00 is 3).</summary>
    private static string? Number(decimal? d) => d?.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

    private static string Scored(IEnumerable<MeasureResponse> rows, IReadOnlyDictionary<Guid, string> codes) => Scored(rows.Select(r =>
        new FhirMeasureResponse(r.Id, codes[r.MeasureDefinitionId], r.At,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.AnswersJson)!
                .Select(a => new FhirMeasureAnswer(a.Key, a.Value.GetProperty("code").GetString()!, a.Value.GetProperty("value").GetDecimal())).ToList(),
            r.RawScore, r.MetricScore)));

    private static FhirPersonRecord RoundTrip(FhirPersonRecord record)
    {
        var json = FhirReader.Serialize(FhirMapper.ToBundle(record, "https://example.test/fhir", Epoch));
        var (bundle, parseProblems) = FhirReader.Parse<Bundle>(Encoding.UTF8.GetBytes(json));
        Assert.True(bundle is not null, string.Join("\n", parseProblems.Select(p => $"{p.Expression}: {p.Message}")));
        var (back, problems) = FhirReader.ToRecord(bundle!);
        Assert.True(back is not null, string.Join("\n", problems.Select(p => $"{p.Expression}: {p.Message}")));
        return back!;
    }

    /// <summary>
    /// Plans, check-ins and consents come back from the bundle as they went out; completed measures come back with
    /// the same code, time and answers, and the import's own measure step (<see cref="FhirRecords.ResolveMeasuresAsync"/>,
    /// as <c>$import</c> runs it: the measure found by code among those switched on for the person, the answers
    /// scored again by our scoring) gives the rows it would save, with the same answers, values and scores.
    /// </summary>
    [Fact]
    public async Task ExportThenImport_AnyGeneratedRecord_GivesBackTheSamePlansCheckInsConsentsAndMeasures()
    {
        using var app = new LivingBetterApp();
        var (person, _, _) = await FhirTestMeasures.PersonWithMeasuresAsync(app, "Round Trip");
        var codes = await app.WithDbAsync(db => db.Set<MeasureDefinition>().ToDictionaryAsync(d => d.Id, d => d.Code));
        await using var scope = app.Services.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<FhirRecords>();

        var property = Prop.ForAll(Record.ToArbitrary(), record =>
        {
            var back = RoundTrip(record);
            var (rows, problems) = records.ResolveMeasuresAsync(person.PersonId!.Value, person.UserId, back, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.Expression}: {p.Message}")));
            return Kept(back) == Kept(record) && Scored(rows, codes) == Scored(record.Measures);
        });
        // Off the test's synchronisation context, so the import's awaits can be waited on inside the property.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(RoundTripCases), property));
    }

    /// <summary>
    /// Thousands of records on SQLite. The mapping under test is the same whatever the database; on PostgreSQL
    /// each case's measure look-up is a network round trip, so there the cases prove the PostgreSQL path, not the
    /// mapping again: fewer, to keep the whole suite's run short.
    /// </summary>
    private static int RoundTripCases => TestDatabase.Provider == DatabaseProvider.Postgres ? 300 : 2000;

    private enum Corruption { None, MeasureCode, AnswerCode, LinkId }

    /// <summary>
    /// Through the person's own <c>$import</c> over HTTP: a generated record's bundle imports and its completed
    /// measures are saved with the same code, time, answers and scores (scored here); the same bundle with one
    /// measure's code, one answer's option code or one linkId corrupted is refused whole, naming that element,
    /// and nothing at all is saved (no measure, plan version, check-in or consent; the name unchanged).
    /// </summary>
    [Fact]
    public async Task ImportOverHttp_GeneratedBundle_SavesTheSameScoredMeasures_AndACorruptedOneIsRefusedWhole()
    {
        using var app = new LivingBetterApp();
        var (person, _, _) = await FhirTestMeasures.PersonWithMeasuresAsync(app, "Before Import");
        var personId = person.PersonId!.Value;
        var client = await app.SignInAsync(person);
        var codes = await app.WithDbAsync(db => db.Set<MeasureDefinition>().ToDictionaryAsync(d => d.Id, d => d.Code));
        Task<string> StateAsync() => app.WithDbAsync(async db =>
            $"{await db.Set<MeasureResponse>().CountAsync(r => r.PersonId == personId)};{await db.PlanSectionVersions.CountAsync()};"
            + $"{await db.CheckIns.CountAsync(c => c.PersonId == personId)};{await db.SharingGrants.CountAsync(g => g.PersonId == personId)};"
            + await db.People.Where(p => p.Id == personId).Select(p => p.PreferredName).SingleAsync());

        var cases = from record in Record
                    from corruption in Gen.Elements(Enum.GetValues<Corruption>())
                    from pick in Gen.Choose(0, 1000)
                    select (record, corruption: record.Measures.Count == 0 ? Corruption.None : corruption, pick);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bundle = FhirReader.Parse<Bundle>(Encoding.UTF8.GetBytes(FhirReader.Serialize(FhirMapper.ToBundle(c.record, "https://example.test/fhir", Epoch)))).Resource!;
            var measureEntries = bundle.Entry.Select((e, i) => (e.Resource, i))
                .Where(x => x.Resource is QuestionnaireResponse q && q.Questionnaire?.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true).ToList();
            var (resource, entry) = c.corruption == Corruption.None ? (null, -1) : measureEntries[c.pick % measureEntries.Count];
            var qr = resource as QuestionnaireResponse;
            var item = qr is null ? -1 : c.pick % qr.Item.Count;
            var expected = c.corruption switch
            {
                Corruption.MeasureCode => $"Bundle.entry[{entry}].resource.questionnaire",
                Corruption.AnswerCode => $"Bundle.entry[{entry}].resource.item[{item}].answer[0].valueCoding",
                Corruption.LinkId => $"Bundle.entry[{entry}].resource.item[{item}].linkId",
                _ => null,
            };
            switch (c.corruption)
            {
                case Corruption.MeasureCode:
                    qr!.Questionnaire = FhirMapper.MeasureQuestionnairePrefix + "NO-SUCH-" + c.pick;
                    break;
                case Corruption.AnswerCode:
                    ((Coding)qr!.Item[item].Answer[0].Value!).Code = "not-an-option";
                    break;
                case Corruption.LinkId:
                    qr!.Item[item].LinkId = "no-such-question";
                    break;
            }
            var before = StateAsync().GetAwaiter().GetResult();

            var response = client.PostAsync($"/fhir/Patient/{personId}/$import", new StringContent(FhirReader.Serialize(bundle), Encoding.UTF8, "application/fhir+json")).GetAwaiter().GetResult();

            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            if (expected is null)
            {
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, Encoding.UTF8.GetString(body));
                var ids = c.record.Measures.Select(m => m.Id).ToList();
                var saved = app.WithDbAsync(db => db.Set<MeasureResponse>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync()).GetAwaiter().GetResult();
                Assert.Equal(Scored(c.record.Measures), Scored(saved.OrderBy(r => ids.IndexOf(r.Id)), codes));
                return true;
            }
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {c.corruption}: {Encoding.UTF8.GetString(body)}");
            var outcome = FhirReader.Parse<OperationOutcome>(body).Resource!;
            Assert.Contains(outcome.Issue, i => i.Expression.Contains(expected));
            return StateAsync().GetAwaiter().GetResult() == before;
        });
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(ImportCases), property));
    }

    /// <summary>Each case is a real HTTP import with its database writes, so fewer than the in-memory properties.</summary>
    private const int ImportCases = 200;

    [Fact]
    public void PlanHistory_OfAnyGeneratedPlan_HasOneVersionPerSaveNumberedFromOne_CoveringEverySection()
    {
        var property = Prop.ForAll(Record.ToArbitrary(), record => record.Plans.All(plan =>
        {
            var versions = FhirMapper.CarePlanHistory(record, plan);
            var saves = plan.Sections.Sum(s => s.History.Count + 1);
            var everySectionAtSomePoint = plan.Sections.Select(s => s.Key).ToHashSet().SetEquals(versions.SelectMany(v => v.Resource.Activity.Select(a => a.Detail!.Code!.Coding[0].Code!)));
            return versions.Count == saves
                && versions.Select(v => v.VersionId).SequenceEqual(Enumerable.Range(1, saves))
                && everySectionAtSomePoint
                && versions.All(v => v.Resource.Activity.All(a => a.Extension.All(e => e.Url != FhirMapper.ExtSectionHistory)));
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void ExportedBundle_OfAnyGeneratedRecord_PassesTheSdkStrictRules()
    {
        var property = Prop.ForAll(Record.ToArbitrary(), record =>
        {
            var json = FhirReader.Serialize(FhirMapper.ToBundle(record, "https://example.test/fhir", Epoch));
            var (bundle, problems) = FhirReader.Parse<Bundle>(Encoding.UTF8.GetBytes(json));
            return bundle is not null && problems.Count == 0
                && bundle.Entry.Count(e => e.Resource is QuestionnaireResponse) == record.CheckIns.Count + record.Measures.Count
                && bundle.Entry.Count(e => e.Resource is Observation o && o.Code.Coding.Any(c => c.System == FhirMapper.MeasureScoreSystem))
                    == record.Measures.Sum(m => (m.RawScore is null ? 0 : 1) + (m.MetricScore is null ? 0 : 1))
                && bundle.Entry.Count(e => e.Resource is Hl7.Fhir.Model.Consent) == record.Consents.Count;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Fact]
    public void DocumentedExampleBundle_FromTheDemoData_PassesEveryImportRule()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "fhir-example-bundle.json")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var (bundle, parseProblems) = FhirReader.Parse<Bundle>(File.ReadAllBytes(Path.Combine(dir!.FullName, "docs", "fhir-example-bundle.json")));
        Assert.True(bundle is not null, string.Join("; ", parseProblems.Select(p => p.Message)));

        var (record, problems) = FhirReader.ToRecord(bundle!);

        Assert.True(record is not null, string.Join("; ", problems.Select(p => $"{p.Expression}: {p.Message}")));
        Assert.Equal(2, record!.Plans.Count);
        Assert.NotEmpty(record.CheckIns);
        Assert.NotEmpty(record.Consents);
    }
}
