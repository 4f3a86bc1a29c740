using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>
/// A completed measure's own Questionnaire (codes and values, never wording) and its subscale score
/// Observations: in the download and $everything, read by id and searched per role, and back in by import.
/// </summary>
public sealed partial class FhirMeasureQuestionnaireTests : IDisposable
{
    private const string Code = "MRM-2";
    private const string QuestionnaireId = "measure-" + Code;
    private const string SocialKey = "Social & everyday life";

    // Wording only the definition holds: none of it may leave in FHIR.
    private static readonly string[] Wording = ["Zephyr question", "Quokka answer", "Marmalade scale", "Bramble licensing"];

    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();

    [GeneratedRegex("^[A-Z][A-Za-z0-9_]{0,254}$")]
    private static partial Regex ComputableName();

    private sealed record Setup(Actor Person, HttpClient Client, Guid OrganisationId, Guid TeamId, Guid MeasureId);

    /// <summary>Four questions scored 0-3 (option codes a0-a3), q1 required, two subscales: "mind" (q1, q2) and one whose key cannot be an id.</summary>
    private static string Definition() => JsonSerializer.Serialize(new
    {
        resourceType = "Questionnaire",
        title = "Marmalade scale",
        item = Enumerable.Range(1, 4).Select(i => new Dictionary<string, object>
        {
            ["linkId"] = $"q{i}",
            ["text"] = $"Zephyr question {i}",
            ["type"] = "choice",
            ["required"] = i == 1,
            ["answerOption"] = Enumerable.Range(0, 4).Select(v => new
            {
                valueCoding = new { code = $"a{v}", display = $"Quokka answer {v}" },
                extension = new[] { new { url = FhirMapper.OrdinalValueExtension, valueDecimal = (decimal)v } },
            }),
        }),
    });

    private static string Scoring() => JsonSerializer.Serialize(new
    {
        method = "sum",
        items = new[] { "q1", "q2", "q3", "q4" },
        subscales = new object[]
        {
            new { key = "mind", title = "Zephyr question mind", items = new[] { "q1", "q2" } },
            new { key = SocialKey, items = new[] { "q3", "q4" } },
        },
    });

    private static async Task<Setup> PersonWithMeasureAsync(LivingBetterApp on, string name)
    {
        var (orgId, teamId) = await on.CreateOrganisationAsync();
        var measureId = Guid.NewGuid();
        var person = await on.CreatePersonAsync(name);
        await on.WithDbAsync(async db =>
        {
            db.Add(new MeasureDefinition
            {
                Id = measureId,
                OrganisationId = orgId,
                Code = Code,
                Title = "Marmalade scale",
                DefinitionJson = Definition(),
                ScoringJson = Scoring(),
                Enabled = true,
                LicenceNote = "Bramble licensing terms apply",
                CreatedAt = on.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        await on.AddCareEpisodeAsync(person.PersonId!.Value, teamId);
        return new Setup(person, await on.SignInAsync(person), orgId, teamId, measureId);
    }

    /// <summary>One completed measure: q1 a3 (3), q2 a1 (1), q3 a2 (2), q4 a0 (0): raw 6, mind 4, social 2.</summary>
    private async Task<(Setup Setup, Guid ResponseId)> CompletedAsync()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var posted = await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses",
            new { answers = new Dictionary<string, string> { ["q1"] = "a3", ["q2"] = "a1", ["q3"] = "a2", ["q4"] = "a0" } });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<MeasureResponse>().Where(r => r.PersonId == s.Person.PersonId).Select(r => r.Id).SingleAsync());
        return (s, id);
    }

    private static Bundle Strict(byte[] json)
    {
        var (bundle, problems) = FhirReader.Parse<Bundle>(json);
        Assert.True(bundle is not null, string.Join("; ", problems.Select(p => $"{p.Expression}: {p.Message}")));
        return bundle!;
    }

    private static string SubId(Guid responseId, string key) => $"{responseId}-sub-{FhirMapper.SubscaleToken(key)}";

    [Fact]
    public async Task Download_HasTheMeasureQuestionnaireAsCodesAndValues_AndSubscaleScores_WithNoWording()
    {
        var (s, responseId) = await CompletedAsync();

        var page = await s.Client.GetAsync("/my-data?handler=fhir");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var json = await page.Content.ReadAsByteArrayAsync();
        var bundle = Strict(json);

        var q = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Questionnaire>(), x => x.Id == QuestionnaireId);
        Assert.Equal(FhirMapper.MeasureQuestionnairePrefix + Code, q.Url);
        Assert.Equal("Measure_MRM_2", q.Name);
        Assert.Matches(ComputableName(), q.Name);
        Assert.Equal(PublicationStatus.Active, q.Status);
        Assert.Null(q.Title);
        Assert.Contains("licence", q.Description, StringComparison.Ordinal);
        Assert.Equal(["q1", "q2", "q3", "q4"], q.Item.Select(i => i.LinkId));
        Assert.All(q.Item, i => Assert.Equal(Questionnaire.QuestionnaireItemType.Choice, i.Type));
        Assert.All(q.Item, i => Assert.Null(i.Text));
        Assert.Equal([true, false, false, false], q.Item.Select(i => i.Required == true));
        foreach (var item in q.Item)
        {
            var options = item.AnswerOption.Select(o => Assert.IsType<Coding>(o.Value)).ToList();
            Assert.Equal(["a0", "a1", "a2", "a3"], options.Select(o => o.Code));
            Assert.All(options, o => Assert.Equal(FhirMapper.MeasureAnswerSystem, o.System));
            Assert.All(options, o => Assert.Null(o.Display));
            Assert.Equal([0m, 1m, 2m, 3m], item.AnswerOption.Select(o => Ordinal(o)));
        }
        // The response points at a Questionnaire that is now in the same bundle.
        var qr = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>(), r => r.Id == responseId.ToString());
        Assert.Equal(q.Url, qr.Questionnaire);

        var scores = bundle.Entry.Select(e => e.Resource).OfType<Observation>()
            .Where(o => o.DerivedFrom.Any(d => d.Reference == $"QuestionnaireResponse/{responseId}"))
            .ToDictionary(o => o.Id!, o => (Code: o.Code.Coding[0].Code, o.Code.Coding[0].System, Value: (decimal?)Score(o)));
        Assert.Equal((Code + "-raw", FhirMapper.MeasureScoreSystem, (decimal?)6m), scores[$"{responseId}-raw"]);
        Assert.Equal((Code + "-sub-mind", FhirMapper.MeasureScoreSystem, (decimal?)4m), scores[$"{responseId}-sub-mind"]);
        var social = SubId(responseId, SocialKey);
        Assert.Equal((Code + "-sub-" + FhirMapper.SubscaleToken(SocialKey), FhirMapper.MeasureScoreSystem, (decimal?)2m), scores[social]);
        Assert.Equal(3, scores.Count);
        Assert.All(scores.Keys, id => Assert.Matches(FhirId(), id));

        var text = Encoding.UTF8.GetString(json);
        Assert.All(Wording, w => Assert.DoesNotContain(w, text, StringComparison.Ordinal));
        Assert.DoesNotContain(SocialKey, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mind", "mind")]
    [InlineData("well-being-2", "well-being-2")]
    [InlineData("abcdefghijklmnopqrstuvw", "abcdefghijklmnopqrstuvw")]
    [InlineData("abcdefghijklmnopqrstuvwx", null)]
    [InlineData("a.b", null)]
    [InlineData("a b", null)]
    [InlineData("Social & everyday life", null)]
    [InlineData("ärger", null)]
    public void SubscaleToken_KeepsShortPlainKeys_EncodesEveryOtherIntoAValidIdPart(string key, string? kept)
    {
        var token = FhirMapper.SubscaleToken(key);
        var id = $"{Guid.NewGuid()}-sub-{token}";

        Assert.Matches(FhirId(), id);
        if (kept is not null)
        {
            Assert.Equal(kept, token);
        }
        else
        {
            // Encoded: "." and 22 hex digits; a kept key never has a ".", so the two never meet.
            Assert.Matches("^\\.[0-9a-f]{22}$", token);
            Assert.Equal(token, FhirMapper.SubscaleToken(key));
            Assert.NotEqual(token, FhirMapper.SubscaleToken(key + " "));
        }
        Assert.Equal(Guid.Parse(id[..36]), FhirMapper.MeasureResponseIdOf(id));
    }

    [Fact]
    public async Task PerRole_OnlyThoseWithCheckInsSharedSeeTheQuestionnaireAndSubscaleScores_ReadsLogged()
    {
        var (s, responseId) = await CompletedAsync();
        var personId = s.Person.PersonId!.Value;
        var staffShared = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, staffShared.UserId, null, SharedPart.CheckIns);
        var staffCrisisOnly = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, staffCrisisOnly.UserId, null, SharedPart.CrisisPlan);
        var supporterShared = await app.CreateSupporterAsync(personId, "Shared Friend");
        await app.GrantAsync(personId, supporterShared.UserId, null, SharedPart.CheckIns);
        var supporterCrisisOnly = await app.CreateSupporterAsync(personId, "Other Friend");
        await app.GrantAsync(personId, supporterCrisisOnly.UserId, null, SharedPart.CrisisPlan);
        var stranger = await app.CreatePersonAsync("Stranger");

        var mind = $"/fhir/Observation/{responseId}-sub-mind";
        var social = $"/fhir/Observation/{SubId(responseId, SocialKey)}";
        var questionnaire = $"/fhir/Questionnaire/{QuestionnaireId}";

        // The owner reads everything, the Questionnaire by id from their own record.
        var owner = s.Client;
        Assert.Equal(4m, Score(await ReadAsync<Observation>(await owner.GetAsync(mind))));
        Assert.Equal(2m, Score(await ReadAsync<Observation>(await owner.GetAsync(social))));
        var read = await ReadAsync<Questionnaire>(await owner.GetAsync(questionnaire));
        Assert.Equal(4, read.Item.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/fhir/Observation/{responseId}-sub-nothing")).StatusCode);

        // Grantees with the check-ins part read the scores by id and find the Questionnaire by searching
        // the person; a Questionnaire id is read from the caller's own record, and they have none.
        foreach (var who in new[] { staffShared, supporterShared })
        {
            var client = await app.SignInAsync(who);
            Assert.Equal(4m, Score(await ReadAsync<Observation>(await client.GetAsync(mind))));
            Assert.Equal(2m, Score(await ReadAsync<Observation>(await client.GetAsync(social))));
            var found = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Questionnaire?patient={personId}"));
            Assert.Contains(found.Entry, e => e.Resource is Questionnaire { Id: QuestionnaireId });
            var everything = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{personId}/$everything"));
            Assert.Contains(everything.Entry, e => e.Resource is Questionnaire { Id: QuestionnaireId });
            Assert.Contains(everything.Entry, e => e.Resource?.Id == $"{responseId}-sub-mind");
            var observations = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={personId}"));
            Assert.Contains(observations.Entry, e => e.Resource?.Id == $"{responseId}-sub-mind");
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(questionnaire)).StatusCode);
        }

        // Without the check-ins part (or with no link at all) none of it shows, anywhere.
        foreach (var who in new[] { staffCrisisOnly, supporterCrisisOnly, stranger })
        {
            var client = await app.SignInAsync(who);
            foreach (var url in new[] { mind, social, questionnaire })
            {
                var refused = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                Assert.DoesNotContain("-sub-", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            var seen = string.Concat(await Task.WhenAll(
                new[] { $"/fhir/Patient/{personId}/$everything", $"/fhir/Questionnaire?patient={personId}", $"/fhir/Observation?patient={personId}" }
                    .Select(async url => await (await client.GetAsync(url)).Content.ReadAsStringAsync())));
            Assert.DoesNotContain(QuestionnaireId, seen, StringComparison.Ordinal);
            Assert.DoesNotContain("-sub-", seen, StringComparison.Ordinal);
            Assert.DoesNotContain(FhirMapper.MeasureScoreSystem, seen, StringComparison.Ordinal);
        }

        var anonymous = app.NewClient();
        foreach (var url in new[] { mind, questionnaire })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }

        var log = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "fhir.read.Observation" && a.PersonId == personId).Select(a => new { a.ActorUserId, a.Outcome }).ToListAsync());
        Assert.Contains(log, a => a.ActorUserId == staffShared.UserId && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(log, a => a.ActorUserId == supporterShared.UserId && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(log, a => a.ActorUserId == staffCrisisOnly.UserId);
        Assert.Contains(log, a => a.ActorUserId == stranger.UserId && a.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task Download_ImportsIntoAFreshInstance_WithTheQuestionnaireAndSubscalesNotTrusted_ScoredThere()
    {
        var (s, _) = await CompletedAsync();
        var exported = await (await s.Client.GetAsync("/my-data?handler=fhir")).Content.ReadAsStringAsync();
        // Tamper with everything informative: the option values in the Questionnaire and the subscale score.
        var node = JsonNode.Parse(exported)!;
        foreach (var entry in node["entry"]!.AsArray())
        {
            var resource = entry!["resource"]!;
            if ((string?)resource["id"] == QuestionnaireId)
            {
                foreach (var option in resource["item"]!.AsArray().SelectMany(i => i!["answerOption"]!.AsArray()))
                {
                    option!["extension"]![0]!["valueDecimal"] = 50;
                }
            }
            if (((string?)resource["id"])?.EndsWith("-sub-mind", StringComparison.Ordinal) == true)
            {
                resource["valueQuantity"]!["value"] = 99;
            }
        }
        var tampered = node.ToJsonString();
        Assert.Contains("\"value\":99", tampered, StringComparison.Ordinal);

        using var fresh = new LivingBetterApp();
        var target = await PersonWithMeasureAsync(fresh, "Someone New");
        var imported = await target.Client.PostAsync($"/fhir/Patient/{target.Person.PersonId}/$import", new StringContent(tampered, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var saved = await fresh.WithDbAsync(db => db.Set<MeasureResponse>().Where(r => r.PersonId == target.Person.PersonId).SingleAsync());
        Assert.Equal(target.MeasureId, saved.MeasureDefinitionId);
        Assert.Equal(6m, saved.RawScore);
        var subscales = JsonSerializer.Deserialize<Dictionary<string, decimal?>>(saved.SubscaleScoresJson)!;
        Assert.Equal(4m, subscales["mind"]);
        Assert.Equal(2m, subscales[SocialKey]);

        // The fresh instance exports its own definition's values, not the tampered ones.
        var again = Strict(await (await target.Client.GetAsync("/my-data?handler=fhir")).Content.ReadAsByteArrayAsync());
        var q = Assert.Single(again.Entry.Select(e => e.Resource).OfType<Questionnaire>(), x => x.Id == QuestionnaireId);
        Assert.Equal([0m, 1m, 2m, 3m], q.Item[0].AnswerOption.Select(o => Ordinal(o)));
        Assert.Contains(again.Entry, e => e.Resource is Observation o && o.Id == $"{saved.Id}-sub-mind" && Score(o) == 4m);
    }

    [Theory]
    [InlineData("url", "https://livingbetter.invalid/fhir/Questionnaire/measure-OTHER")]
    [InlineData("id", "copied-questionnaire")]
    public async Task MeasureQuestionnaire_WhoseUrlDoesNotMatchItsId_RefusesTheBundleNamingTheElement_AndSavesNothing(string element, string value)
    {
        var (s, _) = await CompletedAsync();
        var exported = await (await s.Client.GetAsync("/my-data?handler=fhir")).Content.ReadAsStringAsync();
        var node = JsonNode.Parse(exported)!;
        var entries = node["entry"]!.AsArray();
        var index = entries.Select((e, i) => (e, i)).Single(x => (string?)x.e!["resource"]!["id"] == QuestionnaireId).i;
        entries[index]!["resource"]![element] = value;

        using var fresh = new LivingBetterApp();
        var target = await PersonWithMeasureAsync(fresh, "Someone New");
        var response = await target.Client.PostAsync($"/fhir/Patient/{target.Person.PersonId}/$import", new StringContent(node.ToJsonString(), Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirReader.Parse<OperationOutcome>(await response.Content.ReadAsByteArrayAsync()).Resource!;
        var issue = Assert.Single(outcome.Issue);
        // A wrong url is named at the url; a measure url on a Questionnaire whose id does not match, at the id.
        Assert.Equal($"Bundle.entry[{index}].resource.{element}", Assert.Single(issue.Expression));
        Assert.Equal(0, await fresh.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync()));
    }

    private static decimal Score(Observation o) => ((Quantity)o.Value!).Value!.Value;

    private static decimal Ordinal(Questionnaire.AnswerOptionComponent o) => ((FhirDecimal)o.GetExtension(FhirMapper.OrdinalValueExtension)!.Value!).Value!.Value;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (resource, problems) = FhirReader.Parse<T>(await response.Content.ReadAsByteArrayAsync());
        Assert.True(resource is not null, string.Join("; ", problems.Select(p => p.Message)));
        return resource!;
    }
}
