using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>
/// docs/fhir-example-bundle.json is made by the real mapper, never by hand: the demo organisation is seeded on
/// the test clock, the demo person Alex downloads their record ("Download my plans for another service"), and
/// the download is trimmed to the two newest check-ins (all of Alex's completed measures stay) with its ids
/// numbered in order of first appearance, so the same code gives the same file on every run.
/// <c>tools/fhir-example.sh</c> runs the drift test with <see cref="WriteVariable"/> set, which writes the file.
/// </summary>
public sealed partial class FhirExampleBundleTests
{
    /// <summary>Set to 1 to write the example instead of comparing it (what tools/fhir-example.sh does).</summary>
    public const string WriteVariable = "LB_WRITE_FHIR_EXAMPLE";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"(?<=: )(-?\d+)\.(\d*?)0+(?=,?\n)")]
    private static partial Regex TrailingZeros();

    internal static string ExamplePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "fhir-example-bundle.json")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "docs", "fhir-example-bundle.json");
    }

    /// <summary>The example as the mapper gives it now.</summary>
    private static async Task<string> GenerateAsync()
    {
        using var app = LivingBetterApp.WithDemoOrganisation();
        var client = app.NewClient();
        await app.SignInAsync(client, DemoAccounts.Person.Email, DemoAccounts.Password, null);
        var download = await client.GetAsync("/my-data?handler=fhir");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bundle = JsonNode.Parse(await download.Content.ReadAsStringAsync())!;

        // The two newest check-ins, and the Observations derived from them, stand for all; measures all stay.
        var entries = bundle["entry"]!.AsArray();
        static JsonNode? Resource(JsonNode? e) => e!["resource"];
        var checkIns = entries.Where(e => Resource(e)!["questionnaire"]?.GetValue<string>() == FhirMapper.WheelQuestionnaire).Select(e => Resource(e)!["id"]!.GetValue<string>()).ToList();
        var dropped = checkIns.Take(Math.Max(0, checkIns.Count - 2)).Select(id => $"QuestionnaireResponse/{id}").ToHashSet();
        foreach (var e in entries.Where(e => dropped.Contains($"QuestionnaireResponse/{Resource(e)!["id"]}")
            || Resource(e)!["derivedFrom"]?.AsArray().Any(d => dropped.Contains(d!["reference"]!.GetValue<string>())) == true).ToList())
        {
            entries.Remove(e);
        }

        // People and teams are read in id order, so they come in a new order with new ids: put them in the order
        // of their text with the ids left out (everything else is in time or plan order already).
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var ordered = entries.Select(e => e!.DeepClone()).ToList();
        entries.Clear();
        foreach (var run in ordered.ChunkBy(e => Resource(e)!["resourceType"]!.GetValue<string>()))
        {
            var sort = Resource(run[0])!["resourceType"]!.GetValue<string>() is "Practitioner" or "CareTeam" or "RelatedPerson";
            foreach (var e in sort ? run.OrderBy(e => Uuid().Replace(e.ToJsonString(), ""), StringComparer.Ordinal) : run.AsEnumerable())
            {
                entries.Add(e);
            }
        }
        var text = bundle.ToJsonString(options);
        // Ids are new on every seeding: number them in order of first appearance, the same one everywhere it is used.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        text = Uuid().Replace(text, m => ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = $"00000000-0000-4000-8000-{ids.Count + 1:D12}");
        // Scores and values come back from SQLite as 13.0 and from PostgreSQL as 13.0000: the same number, written without the zeros.
        text = TrailingZeros().Replace(text, m => m.Groups[2].Value.Length == 0 ? m.Groups[1].Value : $"{m.Groups[1].Value}.{m.Groups[2].Value}");
        return text + "\n";
    }

    [Fact]
    public async Task CommittedExampleBundle_IsWhatTheMapperGivesForTheDemoPersonNow()
    {
        var generated = await GenerateAsync();
        var path = ExamplePath();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            return;
        }

        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        if (committed != generated)
        {
            var a = committed.Split('\n');
            var b = generated.Split('\n');
            var line = Enumerable.Range(0, Math.Max(a.Length, b.Length)).First(i => i >= a.Length || i >= b.Length || a[i] != b[i]);
            Assert.Fail($"docs/fhir-example-bundle.json is not what the FHIR mapper gives for the demo person now (first difference at line {line + 1}: "
                + $"committed `{(line < a.Length ? a[line].Trim() : "(end)")}`, now `{(line < b.Length ? b[line].Trim() : "(end)")}`). "
                + "Run tools/fhir-example.sh to regenerate it and commit the result.");
        }
    }

    [Fact]
    public async Task CommittedExampleBundle_ImportsIntoAFreshInstance_WithItsPlansCheckInsAndMeasuresScoredThere()
    {
        var bytes = await File.ReadAllBytesAsync(ExamplePath());
        var example = FhirReader.Parse<Bundle>(bytes).Resource!;
        var measures = example.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>()
            .Where(q => q.Questionnaire?.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(measures);
        var code = measures[0].Questionnaire![FhirMapper.MeasureQuestionnairePrefix.Length..];
        // The score Observations in the file, by response: import must give the same scores by scoring the answers itself.
        var metrics = measures.Select(m => example.Entry.Select(e => e.Resource).OfType<Observation>()
            .Single(o => o.Id == $"{m.Id}-metric").Value is Quantity { Value: { } v } ? v : -1m).ToList();

        using var app = new LivingBetterApp();
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        await app.WithDbAsync(async db =>
        {
            db.Add(new MeasureDefinition
            {
                Id = Guid.NewGuid(),
                OrganisationId = orgId,
                Code = code,
                Title = "The demo measure, loaded here",
                DefinitionJson = MeasuresDemoSeeder.DefinitionJson,
                ScoringJson = MeasuresDemoSeeder.ScoringJson,
                Enabled = true,
                LicenceNote = "Demo data",
                CreatedAt = app.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        var person = await app.CreatePersonAsync("Someone New");
        var personId = person.PersonId!.Value;
        await app.AddCareEpisodeAsync(personId, teamId);
        var client = await app.SignInAsync(person);

        var response = await client.PostAsync($"/fhir/Patient/{personId}/$import", new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Alex", await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.PreferredName).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == personId)));
        Assert.True(await app.WithDbAsync(db => db.PlanSections.CountAsync(s => s.Plan!.PersonId == personId)) > 0);
        var saved = await app.WithDbAsync(db => db.Set<MeasureResponse>().Where(r => r.PersonId == personId).OrderBy(r => r.At).Select(r => r.MetricScore).ToListAsync());
        Assert.Equal(metrics, saved.Select(m => m ?? -2m));
    }
}

internal static class RunsOf
{
    /// <summary>Consecutive items with the same key, in order.</summary>
    public static IEnumerable<List<T>> ChunkBy<T>(this IEnumerable<T> items, Func<T, string> key)
    {
        var run = new List<T>();
        foreach (var item in items)
        {
            if (run.Count > 0 && key(run[0]) != key(item))
            {
                yield return run;
                run = [];
            }
            run.Add(item);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
