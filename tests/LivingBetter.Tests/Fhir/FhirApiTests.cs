using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanGoal = LivingBetter.Web.Features.Plans.Goal;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>The FHIR endpoints through the real pipeline: who sees what, check-ins in FHIR, import all or nothing, never a 500.</summary>
public sealed class FhirApiTests : IDisposable
{
    private const string Words = "I walk the dog by the river every morning";
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private async Task<(Actor Person, HttpClient Client)> PersonWithPlanAsync(string name = "Fhir Person")
    {
        var person = await app.CreatePersonAsync(name);
        await app.WithServicesAsync(async sp =>
        {
            var store = sp.GetRequiredService<PlanStore>();
            var def = PlanStructure.Find(PlanKind.StayingWell, "daily")!;
            var content = JsonSerializer.Deserialize(JsonSerializer.Serialize(new { things = new[] { Words } }), def.ContentType, SectionContent.Json)!;
            var filled = SectionContent.IsEmpty(def, content) ? ContentWithFirstField(def, Words) : content;
            return await store.SaveAsync(person.PersonId!.Value, def, filled, 0, null, person.UserId, null, "Saved");
        });
        return (person, await app.SignInAsync(person));
    }

    /// <summary>The section's content with its first text or lines field holding <paramref name="text"/>.</summary>
    private static object ContentWithFirstField(SectionDef def, string text)
    {
        var content = SectionContent.Empty(def);
        var field = def.Fields.First(f => f.Kind is FieldKind.Text or FieldKind.ShortText or FieldKind.Lines);
        field.Property.SetValue(content, field.Kind == FieldKind.Lines ? new List<string> { text } : text);
        return content;
    }

    internal static string CheckInJson(Guid personId, Func<int, int?> rating, string? extraDomain = null)
    {
        var items = DefaultDomains.All.Select((d, i) => rating(i) is { } r
            ? (object)new { linkId = d.Key, answer = new[] { new { valueInteger = r } } }
            : new { linkId = d.Key }).ToList();
        if (extraDomain is not null)
        {
            items.Add(new { linkId = extraDomain, answer = new[] { new { valueInteger = 3 } } });
        }
        return JsonSerializer.Serialize(new
        {
            resourceType = "QuestionnaireResponse",
            questionnaire = FhirMapper.WheelQuestionnaire,
            status = "completed",
            subject = new { reference = $"Patient/{personId}" },
            item = items,
        });
    }

    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var (resource, problems) = FhirReader.Parse<T>(await response.Content.ReadAsByteArrayAsync());
        Assert.True(resource is not null, string.Join("; ", problems.Select(p => p.Message)));
        return resource!;
    }

    [Fact]
    public async Task Metadata_Anyone_GetsCapabilityStatementListingQuestionnaireResponseCreate()
    {
        var response = await app.CreateClient().GetAsync("/fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capability = await ReadAsync<CapabilityStatement>(response);
        var qr = capability.Rest[0].Resource.Single(r => r.Type == "QuestionnaireResponse");
        Assert.Contains(qr.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        Assert.Contains(qr.SearchParam, p => p.Name == "_sort");
        // A FHIR client learns from here how to authenticate: a bearer token, and what it can be limited to.
        var security = capability.Rest[0].Security?.Description ?? "";
        Assert.Contains("Authorization: Bearer", security);
        Assert.Contains("limited to one person's record", security);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheJsonApi_AndLeavesFhirToItsCapabilityStatement()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/people/{personId}/check-ins", json);
        Assert.DoesNotContain("/fhir/", json);
    }

    [Fact]
    public async Task Everything_Owner_GetsValidBundleThatImportsCleanly()
    {
        var (person, client) = await PersonWithPlanAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, i => (i % 9) + 1)))).StatusCode);

        var bundle = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{person.PersonId}/$everything"));

        var (record, problems) = FhirReader.ToRecord(bundle);
        Assert.True(record is not null, string.Join("; ", problems.Select(p => $"{p.Expression}: {p.Message}")));
        Assert.Equal("Fhir Person", record!.PreferredName);
        Assert.Contains(Words, record.Plans.Single().Sections.Single().ContentJson);
        Assert.Equal(DefaultDomains.All.Count, record.CheckIns.Single().Ratings.Count);
        Assert.Equal(DefaultDomains.All.Count, bundle.Entry.Count(e => e.Resource is Observation));
        Assert.Single(bundle.Entry, e => e.Resource is Questionnaire);
    }

    [Fact]
    public async Task Everything_StrangerOrUnknownPerson_Gets404OutcomeWithNothingAboutThePerson_AndTheAttemptIsLogged()
    {
        var (person, _) = await PersonWithPlanAsync();
        var stranger = await app.SignInAsNewPersonAsync("Stranger");

        foreach (var url in new[] { $"/fhir/Patient/{person.PersonId}/$everything", $"/fhir/Patient/{person.PersonId}", $"/fhir/Patient/{Guid.NewGuid()}/$everything" })
        {
            var response = await stranger.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("OperationOutcome", body);
            Assert.DoesNotContain("Fhir Person", body);
            Assert.DoesNotContain(Words, body);
        }
        var searched = await stranger.GetStringAsync($"/fhir/CarePlan?patient={person.PersonId}");
        Assert.DoesNotContain(Words, searched);
        var denied = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == person.PersonId && a.Outcome == AuditOutcome.Denied && a.Action.StartsWith("fhir.")));
        Assert.True(denied >= 3);
    }

    [Fact]
    public async Task Everything_StaffShownOnlyCheckIns_SeeCheckInsButNotThePlanNorWhoElseIsShared()
    {
        var (person, client) = await PersonWithPlanAsync();
        await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, _ => 5)));
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(orgId, teamId);
        await app.WithDbAsync(async db =>
        {
            db.SharingGrants.Add(new SharingGrant { Id = Guid.NewGuid(), PersonId = person.PersonId.Value, GranteeTeamId = teamId, Part = SharedPart.CheckIns, Access = ShareAccess.View, CreatedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var staffClient = await app.SignInAsync(staff);

        var bundle = await ReadAsync<Bundle>(await staffClient.GetAsync($"/fhir/Patient/{person.PersonId}/$everything"));

        Assert.Single(bundle.Entry, e => e.Resource is QuestionnaireResponse);
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is CarePlan or Consent or AuditEvent or RelatedPerson);
        var plans = await staffClient.GetStringAsync($"/fhir/CarePlan?patient={person.PersonId}");
        Assert.DoesNotContain(Words, plans);
        var allowed = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == person.PersonId && a.ActorUserId == staff.UserId && a.Outcome == AuditOutcome.Allowed && a.Part == nameof(SharedPart.CheckIns)));
        Assert.True(allowed >= 1);
    }

    [Fact]
    public async Task QuestionnaireResponse_SeveralPosted_SearchNewestFirstWithCountGivesTheNewestOnes()
    {
        var (person, client) = await PersonWithPlanAsync();
        var ids = new List<string>();
        for (var n = 1; n <= 7; n++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            var created = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, _ => n)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var qr = await ReadAsync<QuestionnaireResponse>(created);
            Assert.Equal($"/fhir/QuestionnaireResponse/{qr.Id}", created.Headers.Location?.OriginalString);
            ids.Add(qr.Id!);
        }

        var newest = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={person.PersonId}&_sort=-authored&_count=5"));
        Assert.Equal(ids.AsEnumerable().Reverse().Take(5), newest.Entry.Select(e => e.Resource!.Id));
        // Each with every one of its ratings, in domain order: the newest rated 7 throughout, the next 6, and so on.
        var answers = newest.Entry.Select(e => ((QuestionnaireResponse)e.Resource!).Item.Select(i => ((Integer)i.Answer[0].Value!).Value).ToList()).ToList();
        Assert.Equal([7, 6, 5, 4, 3], answers.Select(a => a.Distinct().Single()));
        Assert.All(answers, a => Assert.Equal(DefaultDomains.All.Count, a.Count));
        var read = await ReadAsync<QuestionnaireResponse>(await client.GetAsync($"/fhir/QuestionnaireResponse/{ids[0]}"));
        Assert.Equal(1, ((Integer)read.Item[0].Answer[0].Value!).Value);
        var since = (app.Time.GetUtcNow().AddHours(-2).AddMinutes(-30)).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var recent = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={person.PersonId}&authored=ge{since}"));
        Assert.Equal(3, recent.Entry.Count);
        Assert.Equal(7, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == person.PersonId)));
    }

    [Fact]
    public async Task SearchNewestCheckIns_PersonWithNoneYet_GetsAnEmptyBundle_AndTheLookIsLogged()
    {
        var (person, client) = await PersonWithPlanAsync();

        var response = await client.GetAsync($"/fhir/QuestionnaireResponse?patient={person.PersonId}&_sort=-authored&_count=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await ReadAsync<Bundle>(response)).Entry);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "fhir.search.QuestionnaireResponse"
            && a.PersonId == person.PersonId && a.ActorUserId == person.UserId && a.Outcome == AuditOutcome.Allowed)));
    }

    [Fact]
    public async Task QuestionnaireResponse_RatingOutsideScaleOrUnknownDomain_IsRefusedNamingEachItem_AndNothingSaved()
    {
        var (person, client) = await PersonWithPlanAsync();

        var response = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, i => i == 1 ? 11 : 4, extraDomain: "astrology")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("QuestionnaireResponse.item[1].answer[0].valueInteger") && i.Diagnostics!.Contains("between 1 and 10"));
        Assert.Contains(outcome.Issue, i => i.Expression.Contains($"QuestionnaireResponse.item[{DefaultDomains.All.Count}].linkId") && i.Diagnostics!.Contains("'astrology'"));
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == person.PersonId)));
    }

    [Fact]
    public async Task QuestionnaireResponse_PostedForSomeoneElse_Is404AndNothingSaved()
    {
        var (person, _) = await PersonWithPlanAsync();
        var stranger = await app.SignInAsNewPersonAsync("Stranger");

        var response = await stranger.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, _ => 5)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync()));
    }

    [Fact]
    public async Task Download_ThenImportIntoAFreshInstance_GivesTheSamePlanCheckInsAndConsents()
    {
        var (person, client) = await PersonWithPlanAsync("Traveller");
        await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, i => i == 2 ? null : 7)));
        app.Time.Advance(TimeSpan.FromHours(3));
        await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, i => 3)));
        var page = await client.GetAsync("/my-data?handler=fhir");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var exported = await page.Content.ReadAsByteArrayAsync();

        using var fresh = new LivingBetterApp();
        var newcomer = await fresh.CreatePersonAsync("Someone New");
        var freshClient = await fresh.SignInAsync(newcomer);
        var imported = await freshClient.PostAsync($"/fhir/Patient/{newcomer.PersonId}/$import", new ByteArrayContent(exported));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var back = await ReadAsync<Bundle>(await freshClient.GetAsync($"/fhir/Patient/{newcomer.PersonId}/$everything"));
        var (original, _) = FhirReader.ToRecord(FhirReader.Parse<Bundle>(exported).Resource!);
        var (copy, problems) = FhirReader.ToRecord(back);
        Assert.True(copy is not null, string.Join("; ", problems.Select(p => p.Message)));
        Assert.Equal("Traveller", copy!.PreferredName);
        Assert.Equal(original!.Plans.Single().Sections.Select(s => (s.Key, s.State, s.ContentJson)), copy.Plans.Single().Sections.Select(s => (s.Key, s.State, s.ContentJson)));
        Assert.Equal(Shape(original.CheckIns), Shape(copy.CheckIns));

        // Importing the same file again adds nothing.
        Assert.Equal(HttpStatusCode.OK, (await freshClient.PostAsync($"/fhir/Patient/{newcomer.PersonId}/$import", new ByteArrayContent(exported))).StatusCode);
        Assert.Equal(2, await fresh.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == newcomer.PersonId)));
    }

    private static string Shape(IEnumerable<FhirCheckIn> checkIns) =>
        string.Join("|", checkIns.Select(c => $"{c.At.ToUniversalTime():O};{c.ScaleMin}-{c.ScaleMax};" + string.Join(",", c.Ratings.Select(r => $"{r.DomainKey}={r.Rating}"))));

    [Fact]
    public async Task Import_BundleWithBrokenReferenceUnknownSectionAndBadRating_IsRefusedWholeNamingEachElement()
    {
        var (person, client) = await PersonWithPlanAsync();
        await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, _ => 5)));
        var json = await client.GetStringAsync($"/fhir/Patient/{person.PersonId}/$everything");
        var bundle = FhirReader.Parse<Bundle>(Encoding.UTF8.GetBytes(json)).Resource!;
        var carePlan = bundle.Entry.Select(e => e.Resource).OfType<CarePlan>().Single();
        carePlan.Activity[0].Detail!.Code!.Coding[0].Code = "horoscope";
        carePlan.Subject = new ResourceReference($"Patient/{Guid.NewGuid()}");
        var qr = bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>().Single();
        qr.Item[0].Answer[0].Value = new Integer(42);
        var before = await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync());

        var response = await client.PostAsync($"/fhir/Patient/{person.PersonId}/$import", Fhir(FhirReader.Serialize(bundle)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        var cp = bundle.Entry.FindIndex(e => e.Resource is CarePlan);
        var q = bundle.Entry.FindIndex(e => e.Resource is QuestionnaireResponse);
        Assert.Contains(outcome.Issue, i => i.Expression.First() == $"Bundle.entry[{cp}].resource.activity[0].detail.code");
        Assert.Contains(outcome.Issue, i => i.Expression.First() == $"Bundle.entry[{cp}].resource.subject.reference" && i.Code == OperationOutcome.IssueType.NotFound);
        Assert.Contains(outcome.Issue, i => i.Expression.First() == $"Bundle.entry[{q}].resource.item[0].answer[0].valueInteger");
        Assert.Equal(before, await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync()));
    }

    [Fact]
    public async Task Import_MalformedOrHostileInput_IsNeverA500_AlwaysAnOperationOutcome_AndChangesNothing()
    {
        var (person, client) = await PersonWithPlanAsync();
        await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(person.PersonId!.Value, _ => 5)));
        var good = await client.GetStringAsync($"/fhir/Patient/{person.PersonId}/$everything");
        var inputs = new List<string>
        {
            "", "null", "[]", "{}", "42", "\"Bundle\"", "{\"resourceType\":\"Bundle\"", "{\"resourceType\":\"Patient\",\"id\":\"x\"}",
            "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}",
            "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{}]}",
            "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}",
            "{\"resourceType\":\"Nonsense\"}",
            new string('[', 5000) + new string(']', 5000),
            "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":" + new string('[', 200) + new string(']', 200) + "}",
            good.Replace("\"completed\"", "\"finished\""),
            good.Replace("\"Patient/", "\"Patient/x"),
            good.Replace("valueInteger\":5", "valueInteger\":\"five\""),
            good.Replace("\"resourceType\":\"CarePlan\"", "\"resourceType\":\"CarePlan\",\"unknownElement\":1"),
        };
        var random = new Random(9);
        for (var n = 0; n < 60; n++)
        {
            // Truncations and byte flips of a real export.
            var chars = good.ToCharArray();
            if (n % 2 == 0)
            {
                inputs.Add(good[..random.Next(good.Length)]);
            }
            else
            {
                for (var k = 0; k < 5; k++)
                {
                    chars[random.Next(chars.Length)] = "{}[]\":,0a\\"[random.Next(10)];
                }
                inputs.Add(new string(chars));
            }
        }
        var versions = await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync());

        foreach (var input in inputs)
        {
            var response = await client.PostAsync($"/fhir/Patient/{person.PersonId}/$import", Fhir(input));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for: {input[..Math.Min(200, input.Length)]}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var outcome = await ReadAsync<OperationOutcome>(response);
                Assert.NotEmpty(outcome.Issue);
            }
            var qr = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(input));
            Assert.True((int)qr.StatusCode < 500, $"{(int)qr.StatusCode} for QuestionnaireResponse: {input[..Math.Min(200, input.Length)]}");
        }
        Assert.Equal(versions, await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync()));

        var huge = await client.PostAsync($"/fhir/Patient/{person.PersonId}/$import", Fhir("{\"resourceType\":\"Bundle\",\"x\":\"" + new string('a', FhirReader.MaxBytes) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    /// <summary>
    /// Malformed completed-measure QuestionnaireResponses inside an otherwise good export: each is refused with a
    /// 400 OperationOutcome naming the element at fault (never a 500), and nothing is saved.
    /// </summary>
    [Fact]
    public async Task Import_MalformedMeasureResponse_IsRefusedWith400NamingTheElement_AndSavesNothing()
    {
        var (person, _, _) = await FhirTestMeasures.PersonWithMeasuresAsync(app, "Measure Person");
        var personId = person.PersonId!.Value;
        var client = await app.SignInAsync(person);
        var measureId = await app.WithDbAsync(db => db.Set<MeasureDefinition>().Where(m => m.Code == "T-SUM5").Select(m => m.Id).SingleAsync());
        var answered = await client.PostAsJsonAsync($"/api/measures/{measureId}/responses", new { answers = new Dictionary<string, string> { ["s1"] = "h", ["s2"] = "m", ["s3"] = "l", ["s4"] = "n" } });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var good = JsonNode.Parse(await client.GetStringAsync($"/fhir/Patient/{personId}/$everything"))!;
        var entry = good["entry"]!.AsArray().Select((e, i) => (e, i))
            .Single(x => x.e!["resource"]!["questionnaire"]?.GetValue<string>().StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true).i;
        Assert.Equal(4, good["entry"]![entry]!["resource"]!["item"]!.AsArray().Count);
        Assert.Equal("Patient", good["entry"]![0]!["resource"]!["resourceType"]!.GetValue<string>());

        static JsonNode Nested(int levels) => levels == 0
            ? new JsonObject { ["linkId"] = "deep" }
            : new JsonObject { ["linkId"] = $"level-{levels}", ["item"] = new JsonArray(Nested(levels - 1)) };
        var huge = new string('x', 300_000);
        var cases = new (string Name, Action<JsonObject> Break, string Element)[]
        {
            ("valueInteger answer", qr => qr["item"]![0]!["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 3 }), "item[0].answer"),
            ("valueString answer", qr => qr["item"]![0]!["answer"] = new JsonArray(new JsonObject { ["valueString"] = "h" }), "item[0].answer"),
            ("valueBoolean answer", qr => qr["item"]![1]!["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }), "item[1].answer"),
            ("valueCoding without code", qr => qr["item"]![0]!["answer"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = FhirMapper.MeasureAnswerSystem } }), "item[0].answer"),
            ("two answers", qr => qr["item"]![0]!["answer"]!.AsArray().Add(qr["item"]![1]!["answer"]![0]!.DeepClone()), "item[0].answer"),
            ("unknown linkId", qr => qr["item"]![2]!["linkId"] = "s99", "item[2].linkId"),
            ("duplicate linkId", qr => qr["item"]![1]!["linkId"] = "s1", "item[1].linkId"),
            ("empty answer list", qr => qr["item"]![0]!["answer"] = new JsonArray(), "item[0].answer"),
            ("no code in the questionnaire url", qr => qr["questionnaire"] = FhirMapper.MeasureQuestionnairePrefix, "questionnaire"),
            ("space in the questionnaire url", qr => qr["questionnaire"] = FhirMapper.MeasureQuestionnairePrefix + "T SUM5", "questionnaire"),
            ("questionnaire url not ours", qr => qr["questionnaire"] = "urn:not-a-questionnaire", "questionnaire"),
            ("non-UUID id", qr => qr["id"] = "not-a-uuid", "id"),
            ("missing authored", qr => qr.Remove("authored"), "authored"),
            ("huge linkId", qr => qr["item"]![0]!["linkId"] = huge, "item[0].linkId"),
            ("huge option code", qr => qr["item"]![0]!["answer"]![0]!["valueCoding"]!["code"] = huge, "item[0].answer[0].valueCoding"),
            ("nested items", qr => qr["item"]![0]!["item"] = new JsonArray(Nested(8)), "item[0].item"),
            ("items nested in an answer", qr => qr["item"]![0]!["answer"]![0]!["item"] = new JsonArray(Nested(3)), "item[0].answer[0].item"),
            ("items nested past the depth limit", qr => qr["item"]![0]!["item"] = new JsonArray(Nested(40)), "item[0].item"),
            ("too few answers to score", qr => qr["item"] = new JsonArray(qr["item"]![0]!.DeepClone(), qr["item"]![1]!.DeepClone()), "item"),
        };
        Task<string> StateAsync() => app.WithDbAsync(async db =>
            $"{await db.Set<MeasureResponse>().CountAsync()};{await db.PlanSectionVersions.CountAsync()};{await db.CheckIns.CountAsync()};{await db.SharingGrants.CountAsync()};"
            + await db.People.Where(p => p.Id == personId).Select(p => p.PreferredName).SingleAsync());
        var before = await StateAsync();
        var failures = new List<string>();

        foreach (var (name, breakIt, element) in cases)
        {
            var bundle = good.DeepClone();
            bundle["entry"]![0]!["resource"]!["name"] = new JsonArray(new JsonObject { ["text"] = "Renamed By Import" });
            breakIt(bundle["entry"]![entry]!["resource"]!.AsObject());
            var expected = $"Bundle.entry[{entry}].resource.{element}";

            var response = await client.PostAsync($"/fhir/Patient/{personId}/$import", Fhir(bundle.ToJsonString()));

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{name}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                continue;
            }
            var outcome = await ReadAsync<OperationOutcome>(response);
            // The element or one inside it (the SDK names an empty list's first place, the depth limit the place it is passed).
            if (!outcome.Issue.Any(i => i.Expression.Any(e => e == expected || e?.StartsWith(expected + "[", StringComparison.Ordinal) == true || e?.StartsWith(expected + ".", StringComparison.Ordinal) == true)))
            {
                failures.Add($"{name}: no issue names {expected}; got {string.Join(" | ", outcome.Issue.Select(i => string.Join(",", i.Expression) + ": " + i.Diagnostics?[..Math.Min(120, i.Diagnostics.Length)]))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StateAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync(r => r.PersonId == personId)));

        // The same bundle unbroken is imported, so each refusal above was the broken element's doing.
        var unbroken = good.DeepClone();
        unbroken["entry"]![0]!["resource"]!["name"] = new JsonArray(new JsonObject { ["text"] = "Renamed By Import" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/fhir/Patient/{personId}/$import", Fhir(unbroken.ToJsonString()))).StatusCode);
        Assert.Equal("Renamed By Import", await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.PreferredName).SingleAsync()));
    }

    [Fact]
    public async Task MyDataPage_UploadOfBrokenFile_ListsTheProblems_AndAGoodFileIsImported()
    {
        var (person, client) = await PersonWithPlanAsync();
        var json = await client.GetByteArrayAsync($"/fhir/Patient/{person.PersonId}/$everything");
        var page = await client.GetPageAsync("/my-data");
        Assert.NotNull(page.QuerySelector("a[href='/my-data?handler=fhir']"));
        var token = page.QuerySelector("form[action^='/my-data?handler=fhirImport'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        async Task<AngleSharp.Dom.IDocument> UploadAsync(byte[] bytes)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "bundle", "plans.json" },
            };
            return await Forms.ParseAsync(await client.PostAsync("/my-data?handler=fhirImport", form));
        }

        var refused = await UploadAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"));
        Assert.Contains("Nothing was imported", refused.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Contains("exactly one Patient", refused.QuerySelector(".nhsuk-error-summary")!.TextContent);

        var done = await UploadAsync(json);
        Assert.Null(done.QuerySelector(".nhsuk-error-summary"));
        Assert.Contains("Imported.", done.QuerySelector("[role=status]")!.TextContent);
    }

    private const string GoalWords = "Walk to the allotment twice a week";

    /// <summary>A person whose wellbeing plan has one goal, and that goal's id.</summary>
    private async Task<(Actor Person, Guid GoalId)> PersonWithGoalAsync()
    {
        var person = await app.CreatePersonAsync("Goal Person");
        var goalId = Guid.NewGuid();
        await app.WithServicesAsync(async sp =>
        {
            var def = PlanStructure.Find(PlanKind.Wellbeing, PlanStructure.Goals)!;
            var content = new GoalsContent { Items = [new PlanGoal { Id = goalId, Words = GoalWords, DomainKey = DefaultDomains.All[0].Key }] };
            return await sp.GetRequiredService<PlanStore>().SaveAsync(person.PersonId!.Value, def, content, 0, null, person.UserId, null, "Saved");
        });
        return (person, goalId);
    }

    [Fact]
    public async Task ReadGoal_ByStaffAndSupporterWithWellbeingPlanShared_OkAndLogged()
    {
        var (person, goalId) = await PersonWithGoalAsync();
        var personId = person.PersonId!.Value;
        var (org, team) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(org, team);
        await app.GrantAsync(personId, null, team, SharedPart.WellbeingPlan);
        var supporter = await app.CreateSupporterAsync(personId);
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.WellbeingPlan);

        foreach (var reader in new[] { person, staff, supporter })
        {
            var response = await (await app.SignInAsync(reader)).GetAsync($"/fhir/Goal/{goalId}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var goal = await ReadAsync<Hl7.Fhir.Model.Goal>(response);
            Assert.Equal(GoalWords, goal.Description.Text);
            Assert.Equal($"Patient/{personId}", goal.Subject.Reference);
        }
        var logged = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "fhir.read.Goal" && a.PersonId == personId && a.Outcome == AuditOutcome.Allowed).Select(a => a.ActorUserId).ToListAsync());
        Assert.Contains(staff.UserId, logged);
        Assert.Contains(supporter.UserId, logged);
    }

    [Fact]
    public async Task ReadGoal_BySupporterWithOnlyCrisisPlanShared_OrStaffOfAnotherTeam_NotFoundAndLogged()
    {
        var (person, goalId) = await PersonWithGoalAsync();
        var personId = person.PersonId!.Value;
        var supporter = await app.CreateSupporterAsync(personId);
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CrisisPlan);
        var (org, team) = await app.CreateOrganisationAsync();
        var otherStaff = await app.CreateStaffAsync(org, team);

        foreach (var reader in new[] { supporter, otherStaff })
        {
            var response = await (await app.SignInAsync(reader)).GetAsync($"/fhir/Goal/{goalId}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(GoalWords, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var denied = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "fhir.read.Goal" && a.PersonId == personId && a.Outcome == AuditOutcome.Denied).Select(a => a.ActorUserId).ToListAsync());
        Assert.Contains(otherStaff.UserId, denied);
    }

    [Fact]
    public async Task ReadCheckIn_BySupporterWithCheckInsShared_Ok_WithoutIt_NotFound_BothLogged()
    {
        var (person, client) = await PersonWithPlanAsync();
        var personId = person.PersonId!.Value;
        var created = await ReadAsync<QuestionnaireResponse>(await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(personId, _ => 6))));
        var shared = await app.CreateSupporterAsync(personId, "Shared Friend");
        await app.GrantAsync(personId, shared.UserId, null, SharedPart.CheckIns);
        var notShared = await app.CreateSupporterAsync(personId, "Other Friend");
        await app.GrantAsync(personId, notShared.UserId, null, SharedPart.CrisisPlan);
        var url = $"/fhir/QuestionnaireResponse/{created.Id}";

        var allowed = await ReadAsync<QuestionnaireResponse>(await (await app.SignInAsync(shared)).GetAsync(url));
        var refused = await (await app.SignInAsync(notShared)).GetAsync(url);

        Assert.Equal(created.Id, allowed.Id);
        Assert.Equal(DefaultDomains.All.Count, allowed.Item.Count);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain(created.Id!, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "fhir.read.QuestionnaireResponse" && a.PersonId == personId).Select(a => new { a.ActorUserId, a.Outcome }).ToListAsync());
        Assert.Contains(log, a => a.ActorUserId == shared.UserId && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(log, a => a.ActorUserId == notShared.UserId && a.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task SearchNewestCheckIns_SharedSupporterSeesThem_OthersAndUnknownPatientGetNone_AllLogged()
    {
        var (person, client) = await PersonWithPlanAsync();
        var personId = person.PersonId!.Value;
        var created = await ReadAsync<QuestionnaireResponse>(await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(CheckInJson(personId, _ => 4))));
        var shared = await app.CreateSupporterAsync(personId, "Shared Friend");
        await app.GrantAsync(personId, shared.UserId, null, SharedPart.CheckIns);
        var notShared = await app.CreateSupporterAsync(personId, "Other Friend");
        await app.GrantAsync(personId, notShared.UserId, null, SharedPart.CrisisPlan);
        var unknown = Guid.NewGuid();
        string Newest(Guid patient) => $"/fhir/QuestionnaireResponse?patient={patient}&_sort=-authored&_count=5";

        var seen = await ReadAsync<Bundle>(await (await app.SignInAsync(shared)).GetAsync(Newest(personId)));
        var notSeen = await (await app.SignInAsync(notShared)).GetAsync(Newest(personId));
        var nobody = await ReadAsync<Bundle>(await (await app.SignInAsync(shared)).GetAsync(Newest(unknown)));

        Assert.Equal([created.Id], seen.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(HttpStatusCode.OK, notSeen.StatusCode);
        Assert.DoesNotContain(created.Id!, await notSeen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(nobody.Entry);
        var log = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "fhir.search.QuestionnaireResponse" && (a.ActorUserId == shared.UserId || a.ActorUserId == notShared.UserId))
            .Select(a => new { a.ActorUserId, a.PersonId, a.Outcome }).ToListAsync());
        Assert.Contains(log, a => a.ActorUserId == shared.UserId && a.PersonId == personId && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(log, a => a.ActorUserId == notShared.UserId && a.PersonId == personId && a.Outcome == AuditOutcome.Denied);
        Assert.Contains(log, a => a.ActorUserId == shared.UserId && a.PersonId == null && a.Outcome == AuditOutcome.Denied);
    }
}
