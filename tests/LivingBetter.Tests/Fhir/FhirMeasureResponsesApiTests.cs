using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Measures;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.Fhir.FhirMeasuresTests;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>
/// Completed outcome measures through the FHIR REST API as QuestionnaireResponse: read by id, searched beside
/// the check-ins, and created by the person, validated and scored as an imported one.
/// </summary>
public sealed class FhirMeasureResponsesApiTests : IDisposable
{
    private const string ReadAction = "fhir.read.QuestionnaireResponse";
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var (resource, problems) = FhirReader.Parse<T>(await response.Content.ReadAsByteArrayAsync());
        Assert.True(resource is not null, string.Join("; ", problems.Select(p => p.Message)));
        return resource!;
    }

    /// <summary>A measure QuestionnaireResponse as a client would send it: one coded answer per given code (null: item left out).</summary>
    private static string MeasureJson(Guid personId, string?[] codes, string measureCode = "SWB7", string? subject = null) =>
        JsonSerializer.Serialize(new
        {
            resourceType = "QuestionnaireResponse",
            id = "client-chosen-id",
            questionnaire = FhirMapper.MeasureQuestionnairePrefix + measureCode,
            status = "completed",
            subject = new { reference = subject ?? $"Patient/{personId}" },
            authored = "2020-01-01T00:00:00.000Z",
            item = codes.Select((c, i) => (c, i)).Where(x => x.c is not null).Select(x => new
            {
                linkId = $"q{x.i + 1}",
                answer = new[]
                {
                    new
                    {
                        // Values sent by the client are not trusted: the option's own value is used.
                        extension = new[] { new { url = FhirMapper.ExtMeasureAnswerValue, valueDecimal = 99m } },
                        valueCoding = new { system = FhirMapper.MeasureAnswerSystem, code = x.c },
                    },
                },
            }),
        });

    private async Task<Guid> RespondAsync(Setup s, params int[] values)
    {
        var client = await app.SignInAsync(s.Person);
        var response = await client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(values));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<int> SavedCountAsync() => app.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync());

    [Fact]
    public async Task ReadById_OwnerAndThoseSharingCheckIns_SeeIt_OthersGetNotFound_EveryReadLogged()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var personId = s.Person.PersonId!.Value;
        var id = await RespondAsync(s, 4, 4, 4, 4, 4, 4, 3);
        var staffShared = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, staffShared.UserId, null, SharedPart.CheckIns);
        var staffCrisisOnly = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, staffCrisisOnly.UserId, null, SharedPart.CrisisPlan);
        var supporter = await app.CreateSupporterAsync(personId, "Shared Friend");
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CheckIns);
        var supporterCrisisOnly = await app.CreateSupporterAsync(personId, "Other Friend");
        await app.GrantAsync(personId, supporterCrisisOnly.UserId, null, SharedPart.CrisisPlan);
        var stranger = await app.CreatePersonAsync("Stranger");
        var url = $"/fhir/QuestionnaireResponse/{id}";

        foreach (var who in new[] { s.Person, staffShared, supporter })
        {
            var qr = await ReadAsync<QuestionnaireResponse>(await (await app.SignInAsync(who)).GetAsync(url));
            Assert.Equal(id.ToString(), qr.Id);
            Assert.Equal(MeasureUrl, qr.Questionnaire);
            Assert.Equal($"Patient/{personId}", qr.Subject?.Reference);
            Assert.Equal(["q1", "q2", "q3", "q4", "q5", "q6", "q7"], qr.Item.Select(i => i.LinkId));
            Assert.Equal(["4", "4", "4", "4", "4", "4", "3"], qr.Item.Select(i => Assert.IsType<Coding>(i.Answer[0].Value).Code));
            Assert.Equal(3m, Assert.IsType<FhirDecimal>(qr.Item[6].Answer[0].GetExtension(FhirMapper.ExtMeasureAnswerValue)?.Value).Value);
        }
        foreach (var who in new[] { staffCrisisOnly, supporterCrisisOnly, stranger })
        {
            var refused = await (await app.SignInAsync(who)).GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(id.ToString(), body, StringComparison.Ordinal);
            Assert.DoesNotContain(FhirMapper.MeasureAnswerSystem, body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(s.Person)).GetAsync($"/fhir/QuestionnaireResponse/{Guid.NewGuid()}")).StatusCode);

        var log = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == ReadAction)
            .Select(a => new { a.ActorUserId, a.PersonId, a.Part, a.Outcome }).ToListAsync());
        foreach (var who in new[] { s.Person, staffShared, supporter })
        {
            Assert.Contains(log, a => a.ActorUserId == who.UserId && a.PersonId == personId && a.Part == nameof(SharedPart.CheckIns) && a.Outcome == AuditOutcome.Allowed);
        }
        foreach (var who in new[] { staffCrisisOnly, supporterCrisisOnly, stranger })
        {
            Assert.Contains(log, a => a.ActorUserId == who.UserId && a.PersonId == personId && a.Outcome == AuditOutcome.Denied);
            Assert.DoesNotContain(log, a => a.ActorUserId == who.UserId && a.Outcome == AuditOutcome.Allowed);
        }
        Assert.Contains(log, a => a.ActorUserId == s.Person.UserId && a.PersonId == null && a.Outcome == AuditOutcome.Denied);
        Assert.DoesNotContain(log, a => a.ActorUserId == null);
    }

    [Fact]
    public async Task Search_MixesCheckInsAndMeasures_ByTime_WithSortCountAuthoredAndQuestionnaire()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var personId = s.Person.PersonId!.Value;
        async Task<string> CheckInAsync()
        {
            var created = await (await app.SignInAsync(s.Person)).PostAsync("/fhir/QuestionnaireResponse", Fhir(FhirApiTests.CheckInJson(personId, _ => 5)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await ReadAsync<QuestionnaireResponse>(created)).Id!;
        }
        var a = await CheckInAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        var m1 = (await RespondAsync(s, 4, 4, 4, 4, 4, 4, 3)).ToString();
        app.Time.Advance(TimeSpan.FromHours(1));
        var b = await CheckInAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        var m2 = (await RespondAsync(s, 2, 3, 2, 3, 2, 3, 2)).ToString();
        var client = await app.SignInAsync(s.Person);
        var times = (await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={personId}"))).Entry
            .ToDictionary(e => e.Resource!.Id!, e => ((QuestionnaireResponse)e.Resource!).Authored);

        async Task<List<string>> IdsAsync(string query)
        {
            var bundle = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={personId}&{query}"));
            Assert.Equal(bundle.Entry.Count, bundle.Total);
            return bundle.Entry.Select(e => e.Resource!.Id!).ToList();
        }
        string At(string id) => Uri.EscapeDataString(times[id]!);
        var wheel = Uri.EscapeDataString(FhirMapper.WheelQuestionnaire);
        var measure = Uri.EscapeDataString(MeasureUrl);

        Assert.Equal([a, m1, b, m2], await IdsAsync(""));
        Assert.Equal([m2, b, m1, a], await IdsAsync("_sort=-authored"));
        Assert.Equal([m2, b], await IdsAsync("_sort=-authored&_count=2"));
        Assert.Equal([a, m1, b], await IdsAsync("_sort=authored&_count=3"));
        Assert.Equal([], await IdsAsync("_count=0"));
        Assert.Equal([m1, b, m2], await IdsAsync($"authored=ge{At(m1)}&_sort=authored"));
        Assert.Equal([b, m1], await IdsAsync($"authored=gt{At(a)}&authored=lt{At(m2)}&_sort=-authored"));
        Assert.Equal([m1], await IdsAsync($"authored=eq{At(m1)}"));
        Assert.Equal([m1, m2], await IdsAsync($"questionnaire={measure}"));
        Assert.Equal([m2], await IdsAsync($"questionnaire={measure}&_sort=-authored&_count=1"));
        Assert.Equal([a, b], await IdsAsync($"questionnaire={wheel}"));
        Assert.Equal([b, a], await IdsAsync($"questionnaire={wheel}&_sort=-authored"));
        Assert.Equal([m2, b, m1], await IdsAsync($"questionnaire={wheel},{measure}&_sort=-authored&_count=3"));
        Assert.Equal([b], await IdsAsync($"questionnaire={wheel}&authored=ge{At(m1)}"));
        Assert.Equal([], await IdsAsync($"questionnaire={Uri.EscapeDataString(FhirMapper.MeasureQuestionnairePrefix + "NOPE")}"));
        Assert.Equal([], await IdsAsync($"questionnaire={wheel}&questionnaire={measure}"));

        // The newest-first search reads check-ins and measures in one query of its own: each entry is exactly
        // the resource its read by id gives (answers, ratings and all; a measure's scores are Observations, not here).
        var newest = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={personId}&_sort=-authored"));
        Assert.Equal(4, newest.Entry.Count);
        foreach (var entry in newest.Entry)
        {
            var byId = await ReadAsync<QuestionnaireResponse>(await client.GetAsync($"/fhir/QuestionnaireResponse/{entry.Resource!.Id}"));
            Assert.True(entry.Resource.IsExactly(byId), $"QuestionnaireResponse/{entry.Resource.Id} differs between the search and its read");
        }

        // Someone without the check-ins part finds neither kind.
        var crisisOnly = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, crisisOnly.UserId, null, SharedPart.CrisisPlan);
        var hidden = await ReadAsync<Bundle>(await (await app.SignInAsync(crisisOnly)).GetAsync($"/fhir/QuestionnaireResponse?patient={personId}&questionnaire={measure}"));
        Assert.Empty(hidden.Entry);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData("Questionnaire/wellbeing-wheel")]
    [InlineData("https://livingbetter.invalid/fhir/Questionnaire/wellbeing-wheel,")]
    public async Task Search_MalformedQuestionnaire_Is400NamingTheParameter(string value)
    {
        var client = await app.SignInAsNewPersonAsync();

        var response = await client.GetAsync($"/fhir/QuestionnaireResponse?questionnaire={Uri.EscapeDataString(value)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Equal(["questionnaire"], outcome.Issue.SelectMany(i => i.Expression));
    }

    [Fact]
    public async Task Metadata_DeclaresTheQuestionnaireSearchParameter()
    {
        var capability = await ReadAsync<CapabilityStatement>(await app.NewClient().GetAsync("/fhir/metadata"));

        var qr = capability.Rest[0].Resource.Single(r => r.Type == "QuestionnaireResponse");
        var parameter = Assert.Single(qr.SearchParam, p => p.Name == "questionnaire");
        Assert.Equal(SearchParamType.Reference, parameter.Type);
    }

    [Fact]
    public async Task Create_Owner_SavesTheMeasureScoredHere_AtTheServersTime_AndReadsItBack()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var personId = s.Person.PersonId!.Value;
        var client = await app.SignInAsync(s.Person);
        var now = app.Time.GetUtcNow();

        var response = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(MeasureJson(personId, ["4", "4", "4", "4", "4", "4", "3"])));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadAsync<QuestionnaireResponse>(response);
        Assert.Equal($"/fhir/QuestionnaireResponse/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.True(Guid.TryParse(created.Id, out var id));
        var row = await app.WithDbAsync(db => db.Set<MeasureResponse>().AsNoTracking().SingleAsync());
        Assert.Equal(id, row.Id);
        Assert.Equal(personId, row.PersonId);
        Assert.Equal(s.MeasureId, row.MeasureDefinitionId);
        Assert.Equal(s.Person.UserId, row.RecordedByUserId);
        Assert.Equal(now, row.At);
        Assert.Equal(27m, row.RawScore);
        Assert.Equal(24.11m, row.MetricScore);
        Assert.Contains("\"q7\":{\"code\":\"3\",\"value\":3}", row.AnswersJson, StringComparison.Ordinal);

        var read = await ReadAsync<QuestionnaireResponse>(await client.GetAsync(response.Headers.Location!.OriginalString));
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(MeasureUrl, read.Questionnaire);
        Assert.Equal(FhirMapper.When(now), read.Authored);
        Assert.Equal([4m, 4m, 4m, 4m, 4m, 4m, 3m], read.Item.Select(i => (i.Answer[0].GetExtension(FhirMapper.ExtMeasureAnswerValue)?.Value as FhirDecimal)?.Value));
        var scores = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={personId}"));
        decimal? Score(string kind) => scores.Entry.Select(e => e.Resource).OfType<Observation>().Where(o => o.Id == $"{id}-{kind}").Select(o => (o.Value as Quantity)?.Value).Single();
        Assert.Equal(27m, Score("raw"));
        Assert.Equal(24.11m, Score("metric"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "fhir.create.measure" && a.PersonId == personId
            && a.ActorUserId == s.Person.UserId && a.Outcome == AuditOutcome.Allowed)));
    }

    public static TheoryData<string, string?[], string> Refusals => new()
    {
        { "unknown", ["4", "4", "4", "4", "4", "4", "4"], "QuestionnaireResponse.questionnaire" },
        { "switched-off", ["4", "4", "4", "4", "4", "4", "4"], "QuestionnaireResponse.questionnaire" },
        { "option", ["4", "4", "9", "4", "4", "4", "4"], "QuestionnaireResponse.item[2].answer[0].valueCoding" },
        { "too-few", ["4", "4", "4", "4", "4", null, null], "QuestionnaireResponse.item" },
        { "subject", ["4", "4", "4", "4", "4", "4", "4"], "QuestionnaireResponse.subject" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_Refused_NamesTheElement_AndSavesNothing(string fault, string?[] codes, string expression)
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var personId = s.Person.PersonId!.Value;
        if (fault == "switched-off")
        {
            await app.WithDbAsync(async db =>
            {
                (await db.Set<MeasureDefinition>().SingleAsync()).Enabled = false;
                await db.SaveChangesAsync();
            });
        }
        var client = await app.SignInAsync(s.Person);
        var json = MeasureJson(personId, codes, measureCode: fault == "unknown" ? "NOPE" : "SWB7", subject: fault == "subject" ? $"Group/{personId}" : null);

        var response = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Equal([expression], outcome.Issue.SelectMany(i => i.Expression));
        Assert.Equal(0, await SavedCountAsync());
    }

    [Fact]
    public async Task Create_ForSomeoneElsesRecord_NotFound_AndSavesNothing()
    {
        var s = await PersonWithMeasureAsync(app, "Noor");
        var personId = s.Person.PersonId!.Value;
        var other = await PersonWithMeasureAsync(app, "Other");
        var staff = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        await app.GrantAsync(personId, staff.UserId, null, SharedPart.CheckIns, ShareAccess.Suggest);
        var json = MeasureJson(personId, ["4", "4", "4", "4", "4", "4", "4"]);

        foreach (var who in new[] { other.Person, staff })
        {
            var response = await (await app.SignInAsync(who)).PostAsync("/fhir/QuestionnaireResponse", Fhir(json));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Noor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().PostAsync("/fhir/QuestionnaireResponse", Fhir(json))).StatusCode);
        Assert.Equal(0, await SavedCountAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "fhir.create.QuestionnaireResponse" && a.PersonId == personId
            && a.ActorUserId == staff.UserId && a.Outcome == AuditOutcome.Denied)));
    }
}

/// <summary>Test data builders for completed outcome measures.</summary>
public static class MeasureData
{
    /// <summary>The short wellbeing scale (code SWB7, seven questions, options 1 to 5) for an organisation.</summary>
    public static Task<Guid> AddMeasureAsync(this LivingBetterApp app, Guid organisationId, bool enabled = true) =>
        FhirMeasureData.AddMeasureAsync(app, organisationId, enabled);

    /// <summary>The measure switched on for the organisation and one completed response of the person (every answer 4).</summary>
    public static async Task<Guid> MeasureResponseAsync(this LivingBetterApp app, Guid organisationId, Guid personId)
    {
        var measureId = await app.AddMeasureAsync(organisationId);
        return await app.WithDbAsync(async db =>
        {
            var response = new MeasureResponse
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                MeasureDefinitionId = measureId,
                At = app.Time.GetUtcNow(),
                RecordedByUserId = Guid.Empty,
                AnswersJson = JsonSerializer.Serialize(Enumerable.Range(1, 7).ToDictionary(i => $"q{i}", _ => new { code = "4", value = 4m })),
                RawScore = 28m,
                MetricScore = 25.03m,
            };
            db.Add(response);
            await db.SaveChangesAsync();
            return response.Id;
        });
    }
}
