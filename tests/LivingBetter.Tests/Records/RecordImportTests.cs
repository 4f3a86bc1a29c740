using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Records;

/// <summary>
/// An organisation administrator brings in a person's record from a FHIR bundle (ADR 0023): validated as the
/// person's own import, saved whole as an unclaimed record the person claims, sharing waiting for the person.
/// </summary>
public sealed class RecordImportTests : IDisposable
{
    private const string DailyWords = "Feed the cat, then a walk to the corner shop";
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private sealed record Setup(Guid OrganisationId, Guid TeamId, Actor Admin, HttpClient AdminClient);

    private async Task<Setup> AdminAsync()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var admin = await app.CreateStaffAsync(org, null, Roles.OrgAdmin);
        return new Setup(org, team, admin, await app.SignInAsync(admin));
    }

    /// <summary>
    /// A bundle as another LivingBetter would export it: a person with a daily section saved twice, a check-in,
    /// a consent to a member of staff of that other place, and a supporter.
    /// </summary>
    /// <param name="withMeasures">Also two completed short wellbeing scales there (raw scores 27 and 17).</param>
    private static async Task<byte[]> ExportFromElsewhereAsync(string name = "Morgan Example", bool withMeasures = false)
    {
        using var elsewhere = new LivingBetterApp();
        var person = await elsewhere.CreatePersonAsync(name);
        var (org, team) = await elsewhere.CreateOrganisationAsync();
        var staff = await elsewhere.CreateStaffAsync(org, team);
        if (withMeasures)
        {
            var measure = await Fhir.FhirMeasureData.AddMeasureAsync(elsewhere, org);
            await elsewhere.AddCareEpisodeAsync(person.PersonId!.Value, team);
            var measuring = await elsewhere.SignInAsync(person);
            await Fhir.FhirMeasureData.CompleteAsync(measuring, measure, 4, 4, 4, 4, 4, 4, 3);
            elsewhere.Time.Advance(TimeSpan.FromDays(30));
            await Fhir.FhirMeasureData.CompleteAsync(await elsewhere.SignInAsync(person), measure, 2, 3, 2, 3, 2, 3, 2);
        }
        await elsewhere.WithServicesAsync(async sp =>
        {
            var store = sp.GetRequiredService<PlanStore>();
            var def = PlanStructure.Find(PlanKind.StayingWell, "daily")!;
            foreach (var (words, version) in new[] { ("First words", 0), (DailyWords, 1) })
            {
                var content = SectionContent.Empty(def);
                var field = def.Fields.First(f => f.Kind is FieldKind.Text or FieldKind.ShortText or FieldKind.Lines);
                field.Property.SetValue(content, field.Kind == FieldKind.Lines ? new List<string> { words } : words);
                Assert.True((await store.SaveAsync(person.PersonId!.Value, def, content, version, null, person.UserId, null, $"Saved {version + 1}")).Saved);
                elsewhere.Time.Advance(TimeSpan.FromMinutes(10));
            }
            return 0;
        });
        await elsewhere.GrantAsync(person.PersonId!.Value, staff.UserId, null, SharedPart.WellbeingPlan);
        await elsewhere.CreateSupporterAsync(person.PersonId!.Value);
        var client = await elsewhere.SignInAsync(person);
        var checkIn = Fhir.FhirApiTests.CheckInJson(person.PersonId!.Value, i => 6);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/fhir/QuestionnaireResponse", new StringContent(checkIn, Encoding.UTF8, "application/fhir+json"))).StatusCode);
        return await client.GetByteArrayAsync("/my-data?handler=fhir");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, Guid? teamId, bool agreed = true, bool differentPerson = false, string source = "Northshire LivingBetter")
    {
        var page = await client.GetPageAsync("/organisation/import-record");
        var token = page.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "bundle", "record.json" },
            { new StringContent(source), "Input.Source" },
        };
        if (teamId is { } t)
        {
            form.Add(new StringContent(t.ToString()), "Input.TeamId");
        }
        if (agreed)
        {
            form.Add(new StringContent("true"), "Input.PersonAgreed");
        }
        if (differentPerson)
        {
            form.Add(new StringContent("true"), "Input.NotADuplicate");
        }
        return await client.PostAsync("/organisation/import-record", form);
    }

    private static Guid ImportedPersonId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/organisation/imported/", location);
        return Guid.Parse(location.Split('/', '?')[3]);
    }

    [Fact]
    public async Task Import_ByAdministrator_CreatesAnUnclaimedRecordForTheTeam_WithPlansHistoryCheckIns_AndSharingOnlyWaiting()
    {
        var s = await AdminAsync();
        var bundle = await ExportFromElsewhereAsync();

        var personId = ImportedPersonId(await UploadAsync(s.AdminClient, bundle, s.TeamId));

        var (person, started, imported, versions, checkIns, grants, waiting) = await app.WithDbAsync(async db => (
            await db.People.SingleAsync(p => p.Id == personId),
            await db.StartedRecords.SingleAsync(r => r.PersonId == personId),
            await db.ImportedRecords.SingleAsync(r => r.PersonId == personId),
            await db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == personId).OrderBy(v => v.Number).ToListAsync(),
            await db.CheckIns.CountAsync(c => c.PersonId == personId),
            await db.SharingGrants.Where(g => g.PersonId == personId).ToListAsync(),
            await db.ImportedConsents.Where(c => c.PersonId == personId).ToListAsync()));
        Assert.Null(person.UserId);
        Assert.Equal("Morgan Example", person.PreferredName);
        Assert.Equal(s.TeamId, started.TeamId);
        Assert.Equal(s.Admin.UserId, started.StartedByUserId);
        Assert.Equal(s.Admin.UserId, imported.ImportedByUserId);
        Assert.Equal("Northshire LivingBetter", imported.Source);
        Assert.Equal(app.Time.GetUtcNow(), imported.ImportedAt);
        Assert.Equal("Sam Supporter (friend)", imported.NamedSupporters);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Contains("First words", versions[0].Content);
        Assert.Equal(1, checkIns);
        // Only the team's own grants (as for any staff-started record): the bundle's consent gives nobody anything.
        Assert.All(grants, g => Assert.Equal(s.TeamId, g.GranteeTeamId));
        var consent = Assert.Single(waiting);
        Assert.Equal(ImportedConsentStatus.Waiting, consent.Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == FhirRecordImport.Action && a.Outcome == AuditOutcome.Allowed && a.ActorUserId == s.Admin.UserId)));

        var page = await s.AdminClient.GetPageAsync($"/organisation/imported/{personId}?imported=true");
        Assert.Contains("Imported.", page.MainText());
        Assert.Contains("not turned on", page.MainText());
        Assert.Contains("Northshire LivingBetter", page.MainText());
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "not json", "not valid JSON" },
        { "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", "exactly one Patient" },
        { new string('[', 200) + new string(']', 200), "nested more than" },
        { "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"name\":[{\"text\":\"X\"}]}},{\"resource\":{\"resourceType\":\"RelatedPerson\",\"id\":\"r\",\"patient\":{\"reference\":\"Patient/zzz\"}}}]}", "does not resolve" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Import_MalformedOrHostileBundle_IsRefusedWholeOnThePageNamingTheProblem_NothingSaved_AndTheRefusalAudited(string body, string expected)
    {
        var s = await AdminAsync();
        var people = await app.WithDbAsync(db => db.People.CountAsync());

        var response = await UploadAsync(s.AdminClient, Encoding.UTF8.GetBytes(body), s.TeamId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Nothing was imported", page.MainText());
        Assert.Contains(expected, page.MainText());
        Assert.Equal(people, await app.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == FhirRecordImport.Action && a.Outcome == AuditOutcome.Denied && a.ActorUserId == s.Admin.UserId)));
    }

    [Fact]
    public async Task Import_WithoutTheirAgreementOrATeam_NamesEachField_AndSavesNothing()
    {
        var s = await AdminAsync();
        await app.WithDbAsync(async db =>
        {
            db.Teams.Add(new Team { Id = Guid.NewGuid(), OrganisationId = s.OrganisationId, Name = "Second Team" });
            await db.SaveChangesAsync();
        });
        var bundle = await ExportFromElsewhereAsync();

        var page = await Forms.ParseAsync(await UploadAsync(s.AdminClient, bundle, null, agreed: false));

        Assert.Equal("Choose the team that will support them", page.FieldError("Input_TeamId"));
        Assert.Equal("Confirm that the person agreed to their record being brought in", page.FieldError("Input_PersonAgreed"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
    }

    [Fact]
    public async Task Import_SomeoneWithTheSameNameInTheTeam_WarnsAndSavesNothing_UntilConfirmedDifferent()
    {
        var s = await AdminAsync();
        var bundle = await ExportFromElsewhereAsync("Sam Lee");
        ImportedPersonId(await UploadAsync(s.AdminClient, bundle, s.TeamId));

        var warned = await Forms.ParseAsync(await UploadAsync(s.AdminClient, bundle, s.TeamId));

        Assert.Contains("already supports someone with a similar name", warned.FieldError("Input_NotADuplicate"));
        Assert.Contains("Sam Lee", warned.QuerySelector(".nhsuk-warning-callout")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
        ImportedPersonId(await UploadAsync(s.AdminClient, bundle, s.TeamId, differentPerson: true));
        Assert.Equal(2, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
    }

    [Fact]
    public async Task ImportPages_StaffPeopleAndAnotherOrganisationsAdministrator_Get404_AndCannotUseTheApi()
    {
        var s = await AdminAsync();
        var personId = ImportedPersonId(await UploadAsync(s.AdminClient, await ExportFromElsewhereAsync(), s.TeamId));
        var (otherOrg, _) = await app.CreateOrganisationAsync();
        var otherAdmin = await app.SignInAsync(await app.CreateStaffAsync(otherOrg, null, Roles.OrgAdmin));
        var teamStaff = await app.SignInAsync(await app.CreateStaffAsync(s.OrganisationId, s.TeamId));
        var person = await app.SignInAsNewPersonAsync();

        foreach (var client in new[] { teamStaff, person })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/organisation/import-record")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/fhir/Patient/$import-record?team={s.TeamId}&personAgreed=true", new ByteArrayContent([]))).StatusCode);
        }
        foreach (var client in new[] { teamStaff, person, otherAdmin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/organisation/imported/{personId}")).StatusCode);
        }
        // Another organisation's administrator cannot bring a record in for a team that is not theirs.
        var response = await otherAdmin.PostAsync($"/fhir/Patient/$import-record?team={s.TeamId}&personAgreed=true", new ByteArrayContent(await ExportFromElsewhereAsync("Kit")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose the team", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
    }

    [Fact]
    public async Task ImportThenClaim_PersonSeesTheImportedPlansAndHistory_AndDecidesTheWaitingSharing()
    {
        var s = await AdminAsync();
        var personId = ImportedPersonId(await UploadAsync(s.AdminClient, await ExportFromElsewhereAsync(), s.TeamId));
        var made = await Forms.ParseAsync(await s.AdminClient.SubmitFormAsync($"/organisation/imported/{personId}", new Dictionary<string, string>(), "handler=invite"));
        var code = made.QuerySelector("#claim-code")!.TextContent.Trim();

        var morgan = app.NewClient();
        var claimed = await morgan.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Morgan",
            ["Input.Email"] = "morgan@test.livingbetter.example",
            ["Input.Password"] = LivingBetterApp.Password,
        }, "handler=create");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);

        var plan = await morgan.GetStringAsync("/plans/staying-well/daily");
        Assert.Contains(DailyWords, WebUtility.HtmlDecode(plan));
        var history = await morgan.GetStringAsync("/plans/staying-well/history");
        Assert.Contains("Saved 1", history);
        var mine = await morgan.GetPageAsync("/my-record");
        Assert.Contains("Northshire LivingBetter", mine.MainText());
        Assert.Contains("Someone who has no account here", mine.MainText());

        // The consent named someone with no account here: it can only be left off, and nobody gets anything.
        var consentId = await app.WithDbAsync(db => db.ImportedConsents.Where(c => c.PersonId == personId).Select(c => c.Id).SingleAsync());
        var turnOn = await morgan.PostWithTokenAsync("/my-record", "/my-record?handler=sharing", new Dictionary<string, string> { ["consentId"] = consentId.ToString(), ["turnOn"] = "true" });
        Assert.Equal(HttpStatusCode.NotFound, turnOn.StatusCode);
        var leaveOff = await morgan.PostWithTokenAsync("/my-record", "/my-record?handler=sharing", new Dictionary<string, string> { ["consentId"] = consentId.ToString(), ["turnOn"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, leaveOff.StatusCode);
        Assert.Equal(ImportedConsentStatus.LeftOff, await app.WithDbAsync(db => db.ImportedConsents.Where(c => c.Id == consentId).Select(c => c.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == "fhir.import-record.sharing.off")));
    }

    [Fact]
    public async Task ImportedConsent_ToSomeoneWithAnAccountHere_GivesNothingUntilThePersonTurnsItOn()
    {
        var s = await AdminAsync();
        var colleague = await app.CreateStaffAsync(s.OrganisationId, null);
        var bundle = Encoding.UTF8.GetString(await ExportFromElsewhereAsync());
        // The consent in the file names someone who also has an account here.
        var practitionerId = JsonDocument.Parse(bundle).RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource")).First(r => r.GetProperty("resourceType").GetString() == "Practitioner").GetProperty("id").GetString()!;
        bundle = bundle.Replace(practitionerId, colleague.UserId.ToString(), StringComparison.Ordinal);
        var personId = ImportedPersonId(await UploadAsync(s.AdminClient, Encoding.UTF8.GetBytes(bundle), s.TeamId));
        var colleagueClient = await app.SignInAsync(colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueClient.GetAsync($"/fhir/Patient/{personId}/$everything")).StatusCode);

        var code = (await Forms.ParseAsync(await s.AdminClient.SubmitFormAsync($"/organisation/imported/{personId}", new Dictionary<string, string>(), "handler=invite")))
            .QuerySelector("#claim-code")!.TextContent.Trim();
        var morgan = app.NewClient();
        await morgan.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Morgan",
            ["Input.Email"] = "morgan2@test.livingbetter.example",
            ["Input.Password"] = LivingBetterApp.Password,
        }, "handler=create");
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueClient.GetAsync($"/fhir/Patient/{personId}/$everything")).StatusCode);
        var consentId = await app.WithDbAsync(db => db.ImportedConsents.Where(c => c.PersonId == personId).Select(c => c.Id).SingleAsync());

        var on = await morgan.PostWithTokenAsync("/my-record", "/my-record?handler=sharing", new Dictionary<string, string> { ["consentId"] = consentId.ToString(), ["turnOn"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleagueClient.GetAsync($"/fhir/Patient/{personId}/$everything")).StatusCode);
    }

    [Fact]
    public async Task ImportApi_Administrator_Gets201WithLocation_ProblemsAs400OperationOutcome_DuplicateAs409()
    {
        var s = await AdminAsync();
        var bundle = await ExportFromElsewhereAsync("Api Person");
        var url = $"/fhir/Patient/$import-record?team={s.TeamId}&personAgreed=true&source=API%20test";

        var created = await s.AdminClient.PostAsync(url, new ByteArrayContent(bundle));
        var missingAgreement = await s.AdminClient.PostAsync($"/fhir/Patient/$import-record?team={s.TeamId}&personAgreed=maybe", new ByteArrayContent(bundle));
        var broken = await s.AdminClient.PostAsync(url, new ByteArrayContent(Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")));
        var duplicate = await s.AdminClient.PostAsync(url, new ByteArrayContent(bundle));
        var tooBig = await s.AdminClient.PostAsync(url, new ByteArrayContent(new byte[FhirReader.MaxBytes + 1]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/fhir/Patient/", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, missingAgreement.StatusCode);
        Assert.Contains("personAgreed", await missingAgreement.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var outcome = FhirReader.Parse<OperationOutcome>(await broken.Content.ReadAsByteArrayAsync()).Resource!;
        Assert.Contains(outcome.Issue, i => i.Diagnostics!.Contains("exactly one Patient"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
        var capability = await app.CreateClient().GetStringAsync("/fhir/metadata");
        Assert.Contains("import-record", capability);
    }

    private static Task<HttpResponseMessage> ImportByApiAsync(HttpClient admin, Guid teamId, byte[] bundle) =>
        admin.PostAsync($"/fhir/Patient/$import-record?team={teamId}&personAgreed=true&source=Northshire", new ByteArrayContent(bundle));

    [Fact]
    public async Task ImportApi_WithCompletedMeasures_SavesThemScoredByOurScoring_AndTheImportedPageCountsThem()
    {
        var s = await AdminAsync();
        var measure = await Fhir.FhirMeasureData.AddMeasureAsync(app, s.OrganisationId);
        // A tampered score in the file is not trusted: the answers are scored again here.
        var text = Encoding.UTF8.GetString(await ExportFromElsewhereAsync(withMeasures: true));
        Assert.Contains("\"value\":27", text);
        var bundle = Encoding.UTF8.GetBytes(text.Replace("\"value\":27", "\"value\":99", StringComparison.Ordinal));

        var response = await ImportByApiAsync(s.AdminClient, s.TeamId, bundle);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("2 completed measures", await response.Content.ReadAsStringAsync());
        var personId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var saved = await app.WithDbAsync(db => db.Set<MeasureResponse>().AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.At).ToListAsync());
        Assert.Equal(2, saved.Count);
        Assert.All(saved, r => Assert.Equal(measure, r.MeasureDefinitionId));
        Assert.All(saved, r => Assert.Equal(s.Admin.UserId, r.RecordedByUserId));
        Assert.Equal([27m, 17m], saved.Select(r => r.RawScore));
        Assert.Equal([Measures.MeasureFixtures.ShortWellbeingMetric[27 - 7], Measures.MeasureFixtures.ShortWellbeingMetric[17 - 7]], saved.Select(r => r.MetricScore));
        Assert.Equal(TimeSpan.FromDays(30), saved[1].At - saved[0].At);
        Assert.Contains("\"q7\":{\"code\":\"3\"", saved[0].AnswersJson);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == FhirRecordImport.Action && a.Outcome == AuditOutcome.Allowed && a.ActorUserId == s.Admin.UserId)));

        var page = await s.AdminClient.GetPageAsync($"/organisation/imported/{personId}");
        var row = page.QuerySelectorAll(".nhsuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Completed measures");
        Assert.StartsWith("2", row.QuerySelector("dd")!.TextContent.Trim());
    }

    public static TheoryData<string> MeasureRefusals => ["switched off", "another organisation's", "unknown option"];

    [Theory]
    [MemberData(nameof(MeasureRefusals))]
    public async Task ImportApi_WithAMeasureNotSwitchedOnForTheTeamsOrganisationOrAnUnknownOption_RefusesTheWholeBundleNamingTheElement_SavesNothing_AndAuditsTheRefusal(string fault)
    {
        var s = await AdminAsync();
        var text = Encoding.UTF8.GetString(await ExportFromElsewhereAsync(withMeasures: true));
        switch (fault)
        {
            case "switched off":
                await Fhir.FhirMeasureData.AddMeasureAsync(app, s.OrganisationId, enabled: false);
                break;
            case "another organisation's":
                // Switched on elsewhere (even for another organisation this administrator could see) is not enough.
                var (otherOrg, _) = await app.CreateOrganisationAsync();
                await Fhir.FhirMeasureData.AddMeasureAsync(app, otherOrg);
                break;
            default:
                await Fhir.FhirMeasureData.AddMeasureAsync(app, s.OrganisationId);
                var answer = $"\"system\":\"{FhirMapper.MeasureAnswerSystem}\",\"code\":\"4\"";
                Assert.Contains(answer, text);
                // In a response's answer, not in the measure's Questionnaire (whose options are informative only).
                var at = text.IndexOf(answer, text.IndexOf("\"answer\":[", StringComparison.Ordinal), StringComparison.Ordinal);
                text = text[..at] + answer.Replace("\"4\"", "\"9\"", StringComparison.Ordinal) + text[(at + answer.Length)..];
                break;
        }
        var people = await app.WithDbAsync(db => db.People.CountAsync());

        var response = await ImportByApiAsync(s.AdminClient, s.TeamId, Encoding.UTF8.GetBytes(text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirReader.Parse<OperationOutcome>(await response.Content.ReadAsByteArrayAsync()).Resource!;
        var expected = fault == "unknown option" ? @"^Bundle\.entry\[\d+\]\.resource\.item\[0\]\.answer\[0\]\.valueCoding$" : @"^Bundle\.entry\[\d+\]\.resource\.questionnaire$";
        // One issue per completed measure not switched on (the file has two), or for the one changed answer.
        var issues = outcome.Issue.Where(i => i.Expression.Any(e => e is not null && System.Text.RegularExpressions.Regex.IsMatch(e, expected))).ToList();
        Assert.Equal(fault == "unknown option" ? 1 : 2, issues.Count);
        Assert.All(issues, i => Assert.Contains(fault == "unknown option" ? "Choose one of the answers for question 1" : "'SWB7' is not a measure switched on", i.Diagnostics));
        Assert.Equal(people, await app.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportedRecords.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync()));
        var refusal = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == FhirRecordImport.Action));
        Assert.Equal(AuditOutcome.Denied, refusal.Outcome);
        Assert.Equal(s.Admin.UserId, refusal.ActorUserId);
        Assert.Null(refusal.PersonId);
        Assert.StartsWith("Refused: Bundle.entry[", refusal.Part);
        Assert.True(refusal.Part.Length <= AuditEntry.PartMaxLength);
    }
}
