using System.Collections;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hl7.Fhir.Model;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;

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
    private static readonly string[] DomainKeys = ["mental-wellbeing", "physical-health", "money", "home", "work-and-learning", "relationships"];

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

    private static Gen<FhirPersonRecord> Record =>
        from id in Ids
        from name in NonEmptyText(60)
        from birth in Maybe(Gen.Choose(1930, 2010))
        from gender in NonEmptyText(20).OrNull()
        from stayingWell in Plan(PlanKind.StayingWell).OrNull()
        from wellbeing in Plan(PlanKind.Wellbeing).OrNull()
        from checkIns in Gen.ListOf(CheckIn).Resize(6)
        from consents in Gen.ListOf(Consent).Resize(5)
        select new FhirPersonRecord
        {
            PersonId = id,
            PreferredName = name,
            BirthYear = birth,
            Gender = gender,
            Plans = new[] { stayingWell, wellbeing }.OfType<FhirPlan>().ToList(),
            CheckIns = checkIns.ToList(),
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
    });

    private static FhirPersonRecord RoundTrip(FhirPersonRecord record)
    {
        var json = FhirReader.Serialize(FhirMapper.ToBundle(record, "https://example.test/fhir", Epoch));
        var (bundle, parseProblems) = FhirReader.Parse<Bundle>(Encoding.UTF8.GetBytes(json));
        Assert.True(bundle is not null, string.Join("\n", parseProblems.Select(p => $"{p.Expression}: {p.Message}")));
        var (back, problems) = FhirReader.ToRecord(bundle!);
        Assert.True(back is not null, string.Join("\n", problems.Select(p => $"{p.Expression}: {p.Message}")));
        return back!;
    }

    [Fact]
    public void ExportThenImport_AnyGeneratedRecord_GivesBackTheSamePlansCheckInsAndConsents()
    {
        var property = Prop.ForAll(Record.ToArbitrary(), record => Kept(RoundTrip(record)) == Kept(record));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

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
                && bundle.Entry.Count(e => e.Resource is QuestionnaireResponse) == record.CheckIns.Count
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
