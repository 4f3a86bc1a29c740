using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Measures;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>Completed outcome measures in FHIR: QuestionnaireResponse plus score Observations, out and back in.</summary>
public sealed class FhirMeasuresTests : IDisposable
{
    internal const string MeasureUrl = FhirMeasureData.MeasureUrl;
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    internal sealed record Setup(Actor Person, HttpClient Client, Guid OrganisationId, Guid TeamId, Guid MeasureId);

    internal static async Task<Setup> PersonWithMeasureAsync(LivingBetterApp on, string name, bool enabled = true)
    {
        var (orgId, teamId) = await on.CreateOrganisationAsync();
        var measureId = await FhirMeasureData.AddMeasureAsync(on, orgId, enabled);
        var person = await on.CreatePersonAsync(name);
        await on.AddCareEpisodeAsync(person.PersonId!.Value, teamId);
        return new Setup(person, await on.SignInAsync(person), orgId, teamId, measureId);
    }

    internal static object Answers(params int[] values) => FhirMeasureData.Answers(values);

    private static Task<List<string>> ShapeAsync(LivingBetterApp on, Guid personId) =>
        on.WithDbAsync(db => db.Set<MeasureResponse>().Where(r => r.PersonId == personId).OrderBy(r => r.At)
            .Select(r => r.MeasureDefinition!.Code + ";" + r.At.ToUnixTimeMilliseconds() + ";" + r.AnswersJson + ";" + r.RawScore + ";" + r.MetricScore).ToListAsync());

    /// <summary>Two completed measures (the second with one question skipped) and a download of the person's record.</summary>
    private async Task<(Setup Setup, byte[] Exported)> ExportedAsync()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        await FhirMeasureData.CompleteAsync(s.Client, s.MeasureId, 4, 4, 4, 4, 4, 4, 3);
        app.Time.Advance(TimeSpan.FromDays(30));
        s = s with { Client = await app.SignInAsync(s.Person) };
        await FhirMeasureData.CompleteAsync(s.Client, s.MeasureId, 2, 3, 2, 3, 2, 3, 2);
        var page = await s.Client.GetAsync("/my-data?handler=fhir");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (s, await page.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_HasEachMeasureAsAResponseWithScores_AndNoQuestionWording()
    {
        var (_, exported) = await ExportedAsync();

        var bundle = FhirReader.Parse<Bundle>(exported).Resource!;
        var responses = bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>().Where(q => q.Questionnaire == MeasureUrl).ToList();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal(7, r.Item.Count));
        Assert.Equal("4", Assert.IsType<Coding>(responses[0].Item[0].Answer[0].Value).Code);
        var scores = bundle.Entry.Select(e => e.Resource).OfType<Observation>()
            .Where(o => o.DerivedFrom.Any(d => d.Reference == $"QuestionnaireResponse/{responses[0].Id}")).ToList();
        Assert.Equal(2, scores.Count);
        Assert.Contains(scores, o => (o.Value as Quantity)?.Value == 27m);
        var text = Encoding.UTF8.GetString(exported);
        Assert.DoesNotContain("Item 1", text);
        Assert.DoesNotContain("Option 4", text);
        Assert.DoesNotContain("Short wellbeing scale", text);
    }

    [Fact]
    public async Task Download_ThenImportIntoAFreshInstance_GivesTheSameMeasureResponses_ScoredHere()
    {
        var (s, exported) = await ExportedAsync();
        var original = await ShapeAsync(app, s.Person.PersonId!.Value);
        Assert.Equal(2, original.Count);
        // A tampered score is not trusted: the answers are scored again here.
        var tamperedText = Encoding.UTF8.GetString(exported).Replace("\"value\":27", "\"value\":99", StringComparison.Ordinal);
        Assert.Contains("\"value\":99", tamperedText);
        var tampered = Encoding.UTF8.GetBytes(tamperedText);

        using var fresh = new LivingBetterApp();
        var target = await PersonWithMeasureAsync(fresh, "Someone New");
        var imported = await target.Client.PostAsync($"/fhir/Patient/{target.Person.PersonId}/$import", new ByteArrayContent(tampered));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        Assert.Equal(original, await ShapeAsync(fresh, target.Person.PersonId!.Value));
        Assert.True(await fresh.WithDbAsync(db => db.Set<MeasureResponse>().AllAsync(r => r.MeasureDefinitionId == target.MeasureId)));

        // Importing the same file again adds nothing.
        Assert.Equal(HttpStatusCode.OK, (await target.Client.PostAsync($"/fhir/Patient/{target.Person.PersonId}/$import", new ByteArrayContent(exported))).StatusCode);
        Assert.Equal(2, (await ShapeAsync(fresh, target.Person.PersonId!.Value)).Count);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task UnknownOrSwitchedOffMeasure_RefusesTheWholeBundleNamingTheElement_AndSavesNothing(bool hasMeasure, bool enabled)
    {
        var (_, exported) = await ExportedAsync();

        using var fresh = new LivingBetterApp();
        Actor person;
        HttpClient client;
        if (hasMeasure)
        {
            var target = await PersonWithMeasureAsync(fresh, "Someone New", enabled);
            (person, client) = (target.Person, target.Client);
        }
        else
        {
            person = await fresh.CreatePersonAsync("Someone New");
            client = await fresh.SignInAsync(person);
        }
        var response = await client.PostAsync($"/fhir/Patient/{person.PersonId}/$import", new ByteArrayContent(exported));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirReader.Parse<OperationOutcome>(await response.Content.ReadAsByteArrayAsync()).Resource!;
        Assert.Contains(outcome.Issue, i => i.Expression.Any(e => e is not null && e.StartsWith("Bundle.entry[", StringComparison.Ordinal) && e.EndsWith("].resource.questionnaire", StringComparison.Ordinal))
            && i.Diagnostics?.Contains("SWB7", StringComparison.Ordinal) == true);
        Assert.Equal(0, await fresh.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync()));
        Assert.Equal("Someone New", await fresh.WithDbAsync(db => db.People.Where(p => p.Id == person.PersonId).Select(p => p.PreferredName).SingleAsync()));
    }

    [Fact]
    public async Task WorkerWithoutCheckInsShared_SeesNoMeasures_WhileOneWithCheckInsSharedDoes()
    {
        var (s, _) = await ExportedAsync();
        var personId = s.Person.PersonId!.Value;
        var crisisOnly = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        var checkIns = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, crisisOnly.UserId, null, SharedPart.CrisisPlan);
        await app.GrantAsync(personId, checkIns.UserId, null, SharedPart.CheckIns);

        async Task<string> SeenAsync(Actor who)
        {
            var client = await app.SignInAsync(who);
            var everything = await (await client.GetAsync($"/fhir/Patient/{personId}/$everything")).Content.ReadAsStringAsync();
            var observations = await (await client.GetAsync($"/fhir/Observation?patient={personId}")).Content.ReadAsStringAsync();
            return everything + observations;
        }

        var hidden = await SeenAsync(crisisOnly);
        Assert.DoesNotContain(MeasureUrl, hidden);
        Assert.DoesNotContain(FhirMapper.MeasureScoreSystem, hidden);
        var shown = await SeenAsync(checkIns);
        Assert.Contains(MeasureUrl, shown);
        Assert.Contains(FhirMapper.MeasureScoreSystem, shown);
    }
}

/// <summary>A measure an organisation loaded and people completing it, for the FHIR, bulk export and record import tests.</summary>
public static class FhirMeasureData
{
    public const string MeasureUrl = FhirMapper.MeasureQuestionnairePrefix + "SWB7";

    /// <summary>The short wellbeing scale (code SWB7, placeholder wording) loaded by the organisation; its id.</summary>
    public static async Task<Guid> AddMeasureAsync(LivingBetterApp on, Guid organisationId, bool enabled = true)
    {
        var measureId = Guid.NewGuid();
        await on.WithDbAsync(async db =>
        {
            db.Add(new MeasureDefinition
            {
                Id = measureId,
                OrganisationId = organisationId,
                Code = "SWB7",
                Title = "Short wellbeing scale",
                DefinitionJson = MeasureFixtures.Questionnaire(7),
                ScoringJson = MeasureFixtures.ShortWellbeingScoring(),
                Enabled = enabled,
                LicenceNote = "Test licence",
                CreatedAt = on.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        return measureId;
    }

    /// <summary>The person completes the measure through the JSON API (scored by our scoring).</summary>
    public static async Task CompleteAsync(HttpClient person, Guid measureId, params int[] values) =>
        Assert.Equal(HttpStatusCode.Created, (await person.PostAsJsonAsync($"/api/measures/{measureId}/responses", Answers(values))).StatusCode);

    internal static object Answers(params int[] values) =>
        new { answers = values.Select((v, i) => (v, i)).ToDictionary(x => $"q{x.i + 1}", x => x.v.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
}
