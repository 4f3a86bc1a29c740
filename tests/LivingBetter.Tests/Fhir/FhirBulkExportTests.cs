using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>The FHIR Bulk Data export of an organisation: kick-off, status, NDJSON files, who is included and who may read it.</summary>
public sealed class FhirBulkExportTests : IDisposable
{
    private const string Marker = "bulk-export-plan-words";
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private sealed record Org(Guid Id, Guid Team, Actor Admin, HttpClient AdminClient);

    private async Task<Org> OrganisationAsync()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var admin = await app.CreateStaffAsync(org, null, Roles.OrgAdmin);
        return new Org(org, team, admin, await app.SignInAsync(admin));
    }

    /// <summary>A person with a plan, a check-in, a sharing grant and, given a measure, one completed measure per set of answers.</summary>
    private async Task<Actor> PersonAsync(string name, Guid? team, bool optedOut = false, Guid? measure = null, params int[][] measureAnswers)
    {
        var person = await app.CreatePersonAsync(name);
        var personId = person.PersonId!.Value;
        if (team is { } t)
        {
            await app.AddCareEpisodeAsync(personId, t);
        }
        await app.AddPlanWithMarkerAsync(personId, Marker);
        var client = await app.SignInAsync(person);
        var created = await client.PostAsync("/fhir/QuestionnaireResponse",
            new StringContent(FhirApiTests.CheckInJson(personId, i => (i % 9) + 1), Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var answers in measureAnswers)
        {
            await FhirMeasureData.CompleteAsync(client, measure!.Value, answers);
            app.Time.Advance(TimeSpan.FromMinutes(5));
        }
        var supporter = await app.CreateSupporterAsync(personId, name + " Friend");
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CrisisPlan);
        if (optedOut)
        {
            await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutOfReporting, true)));
        }
        return person;
    }

    private static HttpRequestMessage KickOff(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Add("Accept", "application/fhir+json");
        return request;
    }

    private static async Task<string> StartAsync(HttpClient client, string url = "/fhir/$export")
    {
        var response = await client.SendAsync(KickOff(url));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Content.Headers.ContentLocation ?? (response.Headers.TryGetValues("Content-Location", out var v) ? new Uri(v.Single()) : null);
        Assert.NotNull(location);
        return location!.PathAndQuery;
    }

    /// <summary>Polls the status URL (a bounded number of times) until the manifest is ready.</summary>
    private static async Task<JsonElement> WaitForManifestAsync(HttpClient client, string status)
    {
        for (var i = 0; i < 600; i++)
        {
            var response = await client.GetAsync(status);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(response.Headers.Contains("X-Progress"));
            await Task.Delay(50);
        }
        Assert.Fail("The export did not finish");
        return default;
    }

    private static async Task<List<Resource>> ReadAllAsync(HttpClient client, JsonElement manifest)
    {
        var resources = new List<Resource>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray())
        {
            var url = new Uri(output.GetProperty("url").GetString()!).PathAndQuery;
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(output.GetProperty("count").GetInt32(), lines.Length);
            foreach (var line in lines)
            {
                var (resource, problems) = FhirReader.Parse<Resource>(Encoding.UTF8.GetBytes(line));
                Assert.True(resource is not null, string.Join("; ", problems.Select(p => p.Message)));
                Assert.Equal(output.GetProperty("type").GetString(), resource!.TypeName);
                resources.Add(resource);
            }
        }
        return resources;
    }

    private static IEnumerable<string> PeopleNamed(IEnumerable<Resource> resources) =>
        resources.Select(r => r switch
        {
            Patient p => "Patient/" + p.Id,
            CarePlan c => c.Subject?.Reference,
            Goal g => g.Subject?.Reference,
            QuestionnaireResponse q => q.Subject?.Reference,
            Observation o => o.Subject?.Reference,
            Consent c => c.Patient?.Reference,
            _ => null,
        }).OfType<string>().Distinct();

    [Fact]
    public async Task Export_ForOrganisationAdmin_HoldsOnlySupportedPeopleWhoHaveNotOptedOut()
    {
        var org = await OrganisationAsync();
        var other = await OrganisationAsync();
        var included = (await PersonAsync("Included Person", org.Team)).PersonId!.Value;
        var optedOut = (await PersonAsync("Opted Out Person", org.Team, optedOut: true)).PersonId!.Value;
        var discharged = (await PersonAsync("Discharged Person", org.Team)).PersonId!.Value;
        await app.WithDbAsync(db => db.CareEpisodes.Where(c => c.PersonId == discharged).ExecuteUpdateAsync(s => s.SetProperty(c => c.EndedAt, app.Time.GetUtcNow())));
        var elsewhere = (await PersonAsync("Elsewhere Person", other.Team)).PersonId!.Value;

        var manifest = await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient));

        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.EndsWith("/fhir/$export", manifest.GetProperty("request").GetString());
        Assert.NotNull(FhirMapper.ParseWhen(manifest.GetProperty("transactionTime").GetString()));
        var resources = await ReadAllAsync(org.AdminClient, manifest);
        var types = resources.Select(r => r.TypeName).ToHashSet();
        foreach (var type in new[] { "Patient", "CarePlan", "QuestionnaireResponse", "Observation", "Consent" })
        {
            Assert.Contains(type, types);
        }
        Assert.Equal(["Patient/" + included], PeopleNamed(resources));
        Assert.DoesNotContain(resources, r => r.Id == optedOut.ToString() || r.Id == discharged.ToString() || r.Id == elsewhere.ToString());
        Assert.Contains(resources.OfType<CarePlan>(), c => FhirReader.Serialize(c).Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_HoldsCompletedMeasuresAndScores_OfIncludedPeopleOnly_NeverOfOptedOutOrDischarged()
    {
        var org = await OrganisationAsync();
        var measure = await FhirMeasureData.AddMeasureAsync(app, org.Id);
        var included = (await PersonAsync("Measured Person", org.Team, measure: measure, measureAnswers: [[4, 4, 4, 4, 4, 4, 3], [2, 3, 2, 3, 2, 3, 2]])).PersonId!.Value;
        var optedOut = (await PersonAsync("Measured Opted Out", org.Team, optedOut: true, measure: measure, measureAnswers: [[5, 5, 5, 5, 5, 5, 5]])).PersonId!.Value;
        var discharged = (await PersonAsync("Measured Discharged", org.Team, measure: measure, measureAnswers: [[1, 1, 1, 1, 1, 1, 1]])).PersonId!.Value;
        await app.WithDbAsync(db => db.CareEpisodes.Where(c => c.PersonId == discharged).ExecuteUpdateAsync(s => s.SetProperty(c => c.EndedAt, app.Time.GetUtcNow())));
        var saved = await app.WithDbAsync(db => db.Set<MeasureResponse>().AsNoTracking().OrderBy(r => r.At).Select(r => new { r.Id, r.PersonId }).ToListAsync());
        Assert.Equal(4, saved.Count);

        var resources = await ReadAllAsync(org.AdminClient, await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient)));

        var responses = resources.OfType<QuestionnaireResponse>().Where(q => q.Questionnaire == FhirMeasureData.MeasureUrl).ToList();
        Assert.Equal(saved.Where(r => r.PersonId == included).Select(r => r.Id.ToString()), responses.Select(q => q.Id));
        Assert.All(responses, q => Assert.Equal("Patient/" + included, q.Subject?.Reference));
        Assert.Equal(["4", "4", "4", "4", "4", "4", "3"], responses[0].Item.Select(i => Assert.IsType<Coding>(i.Answer.Single().Value).Code));
        var scores = resources.OfType<Observation>().Where(o => o.Code?.Coding.Any(c => c.System == FhirMapper.MeasureScoreSystem) == true).ToList();
        Assert.Equal(4, scores.Count);
        Assert.All(scores, o => Assert.Equal("Patient/" + included, o.Subject?.Reference));
        Assert.Equal([27m, 17m], scores.Where(o => o.Code!.Coding[0].Code == "SWB7-raw").Select(o => Assert.IsType<Quantity>(o.Value).Value));
        Assert.Equal([$"QuestionnaireResponse/{responses[0].Id}", $"QuestionnaireResponse/{responses[1].Id}"],
            scores.Where(o => o.Code!.Coding[0].Code == "SWB7-metric").Select(o => o.DerivedFrom.Single().Reference));
        var excluded = saved.Where(r => r.PersonId != included).Select(r => r.Id.ToString()).ToList();
        Assert.Equal(2, excluded.Count);
        Assert.DoesNotContain(resources, r => excluded.Any(id => r.Id?.StartsWith(id, StringComparison.Ordinal) == true));
        Assert.DoesNotContain(resources.Select(FhirReader.Serialize), r => r.Contains(optedOut.ToString(), StringComparison.Ordinal) || r.Contains(discharged.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_HoldsEachQuestionnaireItsResponsesName_OnceForTheWholeExport_WithEveryAnsweredItem()
    {
        var org = await OrganisationAsync();
        var measure = await FhirMeasureData.AddMeasureAsync(app, org.Id);
        await PersonAsync("Questioned One", org.Team, measure: measure, measureAnswers: [[4, 4, 4, 4, 4, 4, 3]]);
        await PersonAsync("Questioned Two", org.Team, measure: measure, measureAnswers: [[2, 3, 2, 3, 2, 3, 2], [1, 1, 1, 1, 1, 1, 1]]);
        // A domain rated in the check-ins, then retired: the wheel no longer offers it, the responses still answer it.
        var rated = await app.WithDbAsync(db => db.CheckInRatings.AsNoTracking().Select(r => r.Domain!.Key).Distinct().ToListAsync());
        var retired = rated.Order(StringComparer.Ordinal).First();
        await app.WithDbAsync(db => db.LifeDomains.Where(d => d.Key == retired).ExecuteUpdateAsync(u => u.SetProperty(d => d.IsActive, false)));

        var manifest = await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient));
        var resources = await ReadAllAsync(org.AdminClient, manifest);

        var first = manifest.GetProperty("output").EnumerateArray().First();
        Assert.Equal("Questionnaire", first.GetProperty("type").GetString());
        Assert.Equal(2, first.GetProperty("count").GetInt32());
        var questionnaires = resources.OfType<Questionnaire>().ToList();
        Assert.Equal(new[] { FhirMeasureData.MeasureUrl, FhirMapper.WheelQuestionnaire }.Order(StringComparer.Ordinal), questionnaires.Select(q => q.Url).Order(StringComparer.Ordinal));
        var responses = resources.OfType<QuestionnaireResponse>().ToList();
        Assert.Equal(5, responses.Count); // two check-ins, three completed measures
        foreach (var response in responses)
        {
            var questionnaire = Assert.Single(questionnaires, q => q.Url == response.Questionnaire);
            var asked = questionnaire.Item.Select(i => i.LinkId).ToHashSet(StringComparer.Ordinal);
            Assert.All(response.Item, item => Assert.Contains(item.LinkId, asked));
        }
        var wheel = questionnaires.Single(q => q.Url == FhirMapper.WheelQuestionnaire);
        Assert.Equal(retired, wheel.Item[^1].LinkId);
        Assert.Equal(wheel.Item.Count, wheel.Item.Select(i => i.LinkId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var measureQuestionnaire = questionnaires.Single(q => q.Url == FhirMeasureData.MeasureUrl);
        Assert.Equal(7, measureQuestionnaire.Item.Count);
        Assert.All(measureQuestionnaire.Item, i => Assert.NotEmpty(i.AnswerOption));
    }

    [Fact]
    public async Task Export_WhenOptedOutPersonOptsBackIn_IncludesThemNextTime()
    {
        var org = await OrganisationAsync();
        var person = (await PersonAsync("Changing Mind", org.Team, optedOut: true)).PersonId!.Value;

        var first = await ReadAllAsync(org.AdminClient, await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient)));
        Assert.Empty(first);

        await app.WithDbAsync(db => db.People.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutOfReporting, false)));
        var second = await ReadAllAsync(org.AdminClient, await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient, $"/fhir/Group/{org.Id}/$export")));
        Assert.Equal(["Patient/" + person], PeopleNamed(second));
    }

    [Fact]
    public async Task Export_IsAuditedAtOrganisationLevel_WithCountAndNoContent()
    {
        var org = await OrganisationAsync();
        await PersonAsync("Audited One", org.Team);
        await PersonAsync("Audited Two", org.Team);

        await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient));

        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == FhirBulkExporter.AuditAction));
        Assert.Null(entry.PersonId);
        Assert.Equal(org.Admin.UserId, entry.ActorUserId);
        Assert.Equal($"2 people, organisation {org.Id:N}", entry.Part);
    }

    [Fact]
    public async Task StatusAndFiles_ForAnyoneButTheOrganisationsAdmins_NotFound()
    {
        var org = await OrganisationAsync();
        var person = await PersonAsync("Private Person", org.Team);
        var status = await StartAsync(org.AdminClient);
        var manifest = await WaitForManifestAsync(org.AdminClient, status);
        var file = new Uri(manifest.GetProperty("output")[0].GetProperty("url").GetString()!).PathAndQuery;

        var secondAdmin = await app.SignInAsync(await app.CreateStaffAsync(org.Id, null, Roles.OrgAdmin));
        Assert.Equal(HttpStatusCode.OK, (await secondAdmin.GetAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondAdmin.GetAsync(file)).StatusCode);

        var other = await OrganisationAsync();
        var staff = await app.SignInAsync(await app.CreateStaffAsync(org.Id, org.Team));
        var lead = await app.SignInAsync(await app.CreateStaffAsync(org.Id, org.Team, Roles.TeamLead));
        var owner = await app.SignInAsync(person);
        foreach (var client in new[] { other.AdminClient, staff, lead, owner })
        {
            foreach (var url in new[] { status, file })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(status)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(KickOff($"/fhir/Group/{org.Id}/$export"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync(file)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.AdminClient.GetAsync(file)).StatusCode);
    }

    [Fact]
    public async Task Delete_ByAdmin_RemovesTheJobAndItsFiles()
    {
        var org = await OrganisationAsync();
        await PersonAsync("Cancelled Person", org.Team);
        var status = await StartAsync(org.AdminClient);
        var manifest = await WaitForManifestAsync(org.AdminClient, status);
        var file = new Uri(manifest.GetProperty("output")[0].GetProperty("url").GetString()!).PathAndQuery;

        Assert.Equal(HttpStatusCode.Accepted, (await org.AdminClient.DeleteAsync(status)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await org.AdminClient.GetAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.AdminClient.GetAsync(file)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FhirExportFile>().CountAsync()));
    }

    [Theory]
    [InlineData("_outputFormat=text%2Fcsv", "_outputFormat")]
    [InlineData("_type=Patient", "_type")]
    [InlineData("_since=2020-01-01", "_since")]
    public async Task KickOff_WithUnsupportedParameter_BadRequestNamingIt(string query, string field)
    {
        var org = await OrganisationAsync();

        var response = await org.AdminClient.SendAsync(KickOff("/fhir/$export?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FhirExportJob>().CountAsync()));
    }

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var (outcome, problems) = FhirReader.Parse<OperationOutcome>(await response.Content.ReadAsByteArrayAsync());
        Assert.True(outcome is not null, string.Join("; ", problems.Select(p => p.Message)));
        return outcome!;
    }

    [Fact]
    public async Task Status_DayAfterTheExportFinished_GoneAndItsFilesDeleted()
    {
        var org = await OrganisationAsync();
        var (jobId, fileId) = await app.FinishedExportAsync(org.Id, org.Admin.UserId);
        var status = $"/fhir/$export-status/{jobId}";
        var file = $"/fhir/$export-files/{fileId}";
        Assert.Equal(HttpStatusCode.OK, (await org.AdminClient.GetAsync(status)).StatusCode);
        app.Time.Advance(FhirBulkExporter.KeepFor - TimeSpan.FromMinutes(5));
        // A day on, the administrator signs in again (sessions last 8 hours).
        var admin = await app.SignInAsync(org.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(file)).StatusCode);

        app.Time.Advance(TimeSpan.FromMinutes(5));

        var gone = await admin.GetAsync(status);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("deleted 24 hours after it finished", (await OutcomeAsync(gone)).Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(file)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FhirExportFile>().CountAsync()));
        Assert.Equal(FhirExportState.Expired, await app.WithDbAsync(db => db.Set<FhirExportJob>().Select(j => j.State).SingleAsync()));
    }

    [Fact]
    public async Task Cleaner_DeletesOnlyExportsFinishedMoreThanADayAgo()
    {
        var org = await OrganisationAsync();
        var (oldJob, oldFile) = await app.FinishedExportAsync(org.Id, org.Admin.UserId);
        app.Time.Advance(TimeSpan.FromHours(12));
        var (newJob, newFile) = await app.FinishedExportAsync(org.Id, org.Admin.UserId);
        app.Time.Advance(TimeSpan.FromHours(13));

        var expired = await app.WithServicesAsync(sp => sp.GetRequiredService<FhirBulkExporter>().ExpireAsync(null, default));

        Assert.Equal(1, expired);
        var files = await app.WithDbAsync(db => db.Set<FhirExportFile>().Select(f => f.Id).ToListAsync());
        Assert.Equal([Guid.Parse(newFile)], files);
        var admin = await app.SignInAsync(org.Admin);
        Assert.Equal(HttpStatusCode.Gone, (await admin.GetAsync($"/fhir/$export-status/{oldJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/fhir/$export-status/{newJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/fhir/$export-files/{oldFile}")).StatusCode);
    }

    [Fact]
    public async Task Download_ByAdmin_IsInTheAccessLogWithTheFileAndNoContent()
    {
        var org = await OrganisationAsync();
        await PersonAsync("Downloaded Person", org.Team);
        var manifest = await WaitForManifestAsync(org.AdminClient, await StartAsync(org.AdminClient));
        var patients = manifest.GetProperty("output").EnumerateArray().Single(o => o.GetProperty("type").GetString() == "Patient");

        var body = await org.AdminClient.GetStringAsync(new Uri(patients.GetProperty("url").GetString()!).PathAndQuery);

        Assert.Contains("Downloaded Person", body, StringComparison.Ordinal);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == FhirBulkExporter.AuditAction + ".download"));
        Assert.Equal(org.Admin.UserId, entry.ActorUserId);
        Assert.Null(entry.PersonId);
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
        var job = await app.WithDbAsync(db => db.Set<FhirExportJob>().Select(j => j.Id).SingleAsync());
        Assert.Equal($"Patient 1, {job:N}", entry.Part);
        Assert.DoesNotContain("Downloaded Person", entry.Part, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ByStaffOfTheOrganisation_RefusedAndLoggedAsDenied()
    {
        var org = await OrganisationAsync();
        var (_, fileId) = await app.FinishedExportAsync(org.Id, org.Admin.UserId);
        var staff = await app.CreateStaffAsync(org.Id, org.Team);

        var response = await (await app.SignInAsync(staff)).GetAsync($"/fhir/$export-files/{fileId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == FhirBulkExporter.AuditAction + ".download"));
        Assert.Equal(staff.UserId, entry.ActorUserId);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
    }

    [Fact]
    public async Task Status_OfAFailedExport_ServerErrorWithOperationOutcome_AndNoFilesLeft()
    {
        var org = await OrganisationAsync();
        var (jobId, _) = await app.FinishedExportAsync(org.Id, org.Admin.UserId);

        await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<FhirBulkExporter>().MarkFailedAsync(Guid.Parse(jobId), default);
            return 0;
        });
        var response = await org.AdminClient.GetAsync($"/fhir/$export-status/{jobId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var issue = (await OutcomeAsync(response)).Issue.Single();
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(OperationOutcome.IssueType.Processing, issue.Code);
        Assert.Equal(FhirBulkExporter.FailedMessage, issue.Diagnostics);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FhirExportFile>().CountAsync()));
    }

    [Fact]
    public async Task PageLoader_GivesTheSameExportedResourcesAsReadingEachPersonAlone()
    {
        var org = await OrganisationAsync();
        var measure = await FhirMeasureData.AddMeasureAsync(app, org.Id);
        var first = (await PersonAsync("Paged One", org.Team, measure: measure, measureAnswers: [[3, 3, 3, 3, 3, 3, 3]])).PersonId!.Value;
        var second = (await PersonAsync("Paged Two", org.Team, measure: measure, measureAnswers: [[4, 4, 4, 4, 4, 4, 3], [2, 3, 2, 3, 2, 3, 2]])).PersonId!.Value;
        // Someone not on the page: their measures must not leak into the page's records.
        await PersonAsync("Not Paged", org.Team, measure: measure, measureAnswers: [[5, 5, 5, 5, 5, 5, 5]]);
        await app.GrantAsync(second, null, org.Team, SharedPart.CheckIns);
        var (otherOrg, otherTeam) = await app.CreateOrganisationAsync();
        await app.GrantAsync(second, null, otherTeam, SharedPart.WellbeingPlan, withdrawnAt: app.Time.GetUtcNow());

        var (paged, alone) = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<LivingBetter.Web.Data.LivingBetterDbContext>();
            var records = sp.GetRequiredService<FhirRecords>();
            var people = await db.People.AsNoTracking().Where(p => p.Id == first || p.Id == second).OrderBy(p => p.Id).ToListAsync();
            var everything = Enum.GetValues<SharedPart>().ToDictionary(p => p, _ => LivingBetter.Web.Auth.AccessLevel.Owner);
            var one = new List<FhirPersonRecord>();
            foreach (var person in people)
            {
                one.Add(await records.LoadAsync(person, everything, withAccessLog: false, default));
            }
            return (await records.LoadPageAsync(people), one);
        });

        static List<string> Exported(IEnumerable<FhirPersonRecord> records) => records.SelectMany(FhirMapper.Resources)
            .Where(r => FhirBulkExporter.PersonTypes.Contains(r.TypeName)).Select(FhirReader.Serialize).ToList();
        Assert.Equal(2, paged.Count);
        Assert.Equal([1, 2], paged.Select(r => r.Measures.Count).Order());
        Assert.Equal(Exported(alone), Exported(paged));
        Assert.Equal(3, Exported(paged).Count(r => r.Contains(FhirMeasureData.MeasureUrl, StringComparison.Ordinal)));
        Assert.Equal(6, Exported(paged).Count(r => r.Contains(FhirMapper.MeasureScoreSystem, StringComparison.Ordinal)));
        Assert.Contains(Exported(paged), r => r.Contains("CareTeam/" + otherTeam, StringComparison.Ordinal) || r.Contains(otherTeam.ToString(), StringComparison.Ordinal));
    }
}
