using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LivingBetter.Tests.Fhir;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Accounts;

/// <summary>
/// A token can be limited to one person's record and to some parts (ADR 0013, amended 2026-12-07, night): what it reaches is
/// what the account may see within those limits, every refusal is a "not found" in the access log, and a limited
/// token reaches none of the owner's sharing, supporters or log and no organisation's administration.
/// </summary>
public sealed class ApiTokenScopeTests : IDisposable
{
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private static StringContent FhirJson(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    private static async Task<IReadOnlyList<string>> ResourceTypesAsync(HttpResponseMessage bundle)
    {
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var entries = JsonNode.Parse(await bundle.Content.ReadAsStringAsync())!["entry"]?.AsArray() ?? [];
        return [.. entries.Select(e => e!["resource"]!["resourceType"]!.GetValue<string>()).Distinct()];
    }

    [Fact]
    public async Task TokenForOnePersonsRecord_ReadsOnlyTheirs_AndEveryOtherLookIsNotFoundAndLoggedUnderTheToken()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(org, team);
        var ash = await app.CreatePersonAsync("Ash Rowan");
        var bo = await app.CreatePersonAsync("Bo Hartley");
        foreach (var person in new[] { ash, bo })
        {
            await app.AddCareEpisodeAsync(person.PersonId!.Value, team);
            await app.GrantAsync(person.PersonId!.Value, null, team, SharedPart.CheckIns);
            await app.GrantAsync(person.PersonId!.Value, null, team, SharedPart.WellbeingPlan);
        }
        var browser = await app.SignInAsync(staff);

        // The form offers every record the account can see, and each person whose record it can see.
        var options = (await browser.GetPageAsync("/account/api-tokens")).QuerySelectorAll("#Input_Person option")
            .Select(o => (Value: o.GetAttribute("value"), Text: o.TextContent.Trim())).ToList();
        Assert.Equal(new (string?, string)[]
        {
            ("", "Every record you can see"), (ash.PersonId.ToString(), "Only the record of Ash Rowan"), (bo.PersonId.ToString(), "Only the record of Bo Hartley"),
        }, options);

        var onlyAsh = app.BearerClient(await browser.MakeApiTokenAsync("Ward tablet", person: ash.PersonId.ToString()!));
        var everyone = app.BearerClient(await browser.MakeApiTokenAsync("Caseload report"));
        var list = (await browser.GetPageAsync("/account/api-tokens")).MainText();
        Assert.Contains("Only the record of Ash Rowan", list);
        Assert.Contains("Every record you can see", list);

        Assert.Equal(HttpStatusCode.OK, (await onlyAsh.GetAsync($"/api/people/{ash.PersonId}/check-ins")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onlyAsh.GetAsync($"/fhir/Patient/{ash.PersonId}/$everything")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onlyAsh.GetAsync($"/api/people/{bo.PersonId}/check-ins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onlyAsh.GetAsync($"/api/people/{bo.PersonId}/plans/wellbeing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onlyAsh.GetAsync($"/fhir/Patient/{bo.PersonId}")).StatusCode);
        Assert.Empty(await ResourceTypesAsync(await onlyAsh.GetAsync($"/fhir/QuestionnaireResponse?patient={bo.PersonId}")));
        // The same account's token for every record reads Bo: the limit is the token's, not the sharing's.
        Assert.Equal(HttpStatusCode.OK, (await everyone.GetAsync($"/api/people/{bo.PersonId}/check-ins")).StatusCode);

        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.ActorUserId == staff.UserId && e.Via == "Ward tablet")
            .Select(e => new { e.PersonId, e.Outcome }).ToListAsync());
        Assert.Contains(logged, e => e.PersonId == ash.PersonId && e.Outcome == AuditOutcome.Allowed);
        Assert.All(logged.Where(e => e.PersonId == bo.PersonId), e => Assert.Equal(AuditOutcome.Denied, e.Outcome));
        Assert.Equal(4, logged.Count(e => e.PersonId == bo.PersonId));

        // Within its record it still reaches only what Ash shares, and nothing once Ash stops.
        await app.WithDbAsync(db => db.SharingGrants.Where(g => g.PersonId == ash.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.WithdrawnAt, app.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.NotFound, (await onlyAsh.GetAsync($"/api/people/{ash.PersonId}/check-ins")).StatusCode);

        // A token for a record goes with it: closing that record leaves no token that could reach more.
        await app.WithDbAsync(db => db.People.Where(p => p.Id == ash.PersonId).ExecuteDeleteAsync());
        var left = await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.UserId == staff.UserId).Select(t => t.Name).ToListAsync());
        Assert.Equal(new[] { "Caseload report" }, left);
    }

    [Fact]
    public async Task PersonsTokenForSomeParts_ReachesOnlyThose_AndNotTheirSharingSupportersOrWhoLooked()
    {
        const string marker = "only-the-crisis-plan-7731";
        var person = await app.CreatePersonAsync("Kit Amberley");
        var personId = person.PersonId!.Value;
        await app.AddPlanWithMarkerAsync(personId, marker);
        var supporter = await app.CreateSupporterAsync(personId, "Lee Friend");
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CrisisPlan);
        var browser = await app.SignInAsync(person);

        // A person who sees only their own record chooses parts, not whose record.
        var form = await browser.GetPageAsync("/account/api-tokens");
        Assert.Null(form.QuerySelector("#Input_Person"));
        Assert.Equal(4, form.QuerySelectorAll("input[name='Input.Parts'][checked]").Length);

        var crisisOnly = app.BearerClient(await browser.MakeApiTokenAsync("Lock-screen card", parts: [nameof(SharedPart.CrisisPlan)]));
        var whole = app.BearerClient(await browser.MakeApiTokenAsync("Everything app"));
        Assert.Contains("Crisis plan", (await browser.GetPageAsync("/account/api-tokens")).MainText());

        var plan = await crisisOnly.GetAsync($"/api/people/{personId}/plans/staying-well");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Contains(marker, await plan.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await crisisOnly.GetAsync($"/api/people/{personId}/plans/wellbeing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await crisisOnly.GetAsync($"/api/people/{personId}/check-ins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await crisisOnly.GetAsync($"/api/people/{personId}/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await crisisOnly.GetAsync("/api/sharing/grants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await whole.GetAsync("/api/sharing/grants")).StatusCode);

        // In FHIR: the plan and the person's name (and the wheel's Questionnaire, which is no one's), and none of
        // Consent, RelatedPerson, CareTeam, Practitioner, AuditEvent or a QuestionnaireResponse.
        var everything = await ResourceTypesAsync(await crisisOnly.GetAsync($"/fhir/Patient/{personId}/$everything"));
        Assert.Equal(new[] { "CarePlan", "Patient", "Questionnaire" }, everything.Order());
        Assert.Contains("Consent", await ResourceTypesAsync(await whole.GetAsync($"/fhir/Patient/{personId}/$everything")));
        Assert.Empty(await ResourceTypesAsync(await crisisOnly.GetAsync($"/fhir/AuditEvent?patient={personId}")));
        Assert.Empty(await ResourceTypesAsync(await crisisOnly.GetAsync($"/fhir/Consent")));
        Assert.NotEmpty(await ResourceTypesAsync(await whole.GetAsync($"/fhir/AuditEvent?patient={personId}")));

        // Sending is limited the same way: a token that may send but not reach check-ins records none.
        var body = FhirApiTests.CheckInJson(personId, i => 5 + (i % 3));
        var planWriter = app.BearerClient(await browser.MakeApiTokenAsync("Plan app", access: "ReadWrite", parts: [nameof(SharedPart.WellbeingPlan)]));
        Assert.Equal(HttpStatusCode.NotFound, (await planWriter.PostAsync("/fhir/QuestionnaireResponse", FhirJson(body))).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == personId)));
        var checkInWriter = app.BearerClient(await browser.MakeApiTokenAsync("Check-in app", access: "ReadWrite", parts: [nameof(SharedPart.CheckIns)]));
        Assert.Equal(HttpStatusCode.Created, (await checkInWriter.PostAsync("/fhir/QuestionnaireResponse", FhirJson(body))).StatusCode);

        // The staying-well plan brings its crisis plan with it, and all four parts are no limit at all.
        var stored = await app.WithDbAsync(db => db.Set<ApiToken>().ToDictionaryAsync(t => t.Name, t => t.Parts));
        Assert.Equal("CrisisPlan", stored["Lock-screen card"]);
        Assert.Null(stored["Everything app"]);
        await browser.MakeApiTokenAsync("Plans", parts: [nameof(SharedPart.StayingWellPlan)]);
        await browser.MakeApiTokenAsync("Three parts", parts: [nameof(SharedPart.StayingWellPlan), nameof(SharedPart.WellbeingPlan), nameof(SharedPart.CheckIns)]);
        stored = await app.WithDbAsync(db => db.Set<ApiToken>().ToDictionaryAsync(t => t.Name, t => t.Parts));
        Assert.Equal("CrisisPlan,StayingWellPlan", stored["Plans"]);
        Assert.Null(stored["Three parts"]);
    }

    [Fact]
    public async Task PersonWhoSupportsSomeone_TokenForTheirRecord_ReachesNothingOfTheHoldersOwn()
    {
        var holder = await app.CreatePersonAsync("Jo Carver");
        var friend = await app.CreatePersonAsync("Max Quill");
        await app.GrantAsync(friend.PersonId!.Value, holder.UserId, null, SharedPart.CheckIns);
        var browser = await app.SignInAsync(holder);
        var options = (await browser.GetPageAsync("/account/api-tokens")).QuerySelectorAll("#Input_Person option").Select(o => o.TextContent.Trim());
        Assert.Equal(new[] { "Every record you can see", "Only your own record", "Only the record of Max Quill" }, options);

        var forMax = app.BearerClient(await browser.MakeApiTokenAsync("Max's helper", access: "ReadWrite", person: friend.PersonId.ToString()!));
        Assert.Equal(HttpStatusCode.OK, (await forMax.GetAsync($"/api/people/{friend.PersonId}/check-ins")).StatusCode);
        // Not the holder's own record, their sharing, nor their record by default where FHIR searches without a patient.
        Assert.Equal(HttpStatusCode.NotFound, (await forMax.GetAsync($"/api/people/{holder.PersonId}/check-ins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await forMax.GetAsync("/api/sharing/grants")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await forMax.PostAsync("/api/measures/" + Guid.NewGuid() + "/responses", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Empty(await ResourceTypesAsync(await forMax.GetAsync("/fhir/CarePlan")));
        Assert.Empty(await ResourceTypesAsync(await forMax.GetAsync("/fhir/Patient")));
    }

    [Fact]
    public async Task LimitedTokenOfAnAdministrator_ReachesNoBulkExportNorRecordImport()
    {
        var (org, _) = await app.CreateOrganisationAsync();
        var admin = await app.CreateStaffAsync(org, null, Roles.OrgAdmin);
        var browser = await app.SignInAsync(admin);
        var whole = app.BearerClient(await browser.MakeApiTokenAsync("Warehouse"));
        var limited = app.BearerClient(await browser.MakeApiTokenAsync("Check-ins feed", access: "ReadWrite", parts: [nameof(SharedPart.CheckIns)]));

        static HttpRequestMessage KickOff()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/$export");
            request.Headers.Add("Prefer", "respond-async");
            request.Headers.Add("Accept", "application/fhir+json");
            return request;
        }
        Assert.Equal(HttpStatusCode.Accepted, (await whole.SendAsync(KickOff())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.SendAsync(KickOff())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.PostAsync("/fhir/Patient/$import-record", FhirJson("""{"resourceType":"Bundle"}"""))).StatusCode);
    }

    [Fact]
    public async Task MakingALimitedToken_WithBadChoices_NamesTheField_AndSavesNothing()
    {
        var person = await app.CreatePersonAsync();
        var stranger = await app.CreatePersonAsync("Not Shared");
        var browser = await app.SignInAsync(person);

        var page = await browser.PostTokenFormAsync("App", parts: []);
        Assert.Equal("Choose at least one part the token may reach", page.FieldError("Input_Parts"));
        page = await browser.PostTokenFormAsync("App", parts: ["CrisisPlan", "Everything"]);
        Assert.Equal("Choose the parts the token may reach from the list", page.FieldError("Input_Parts"));
        page = await browser.PostTokenFormAsync("App", parts: ["3"]);
        Assert.Equal("Choose the parts the token may reach from the list", page.FieldError("Input_Parts"));
        foreach (var junk in new[] { stranger.PersonId.ToString()!, "not-an-id", Guid.Empty.ToString() })
        {
            page = await browser.PostTokenFormAsync("App", person: junk);
            Assert.Equal("Choose whose records the token may reach from the list", page.ErrorSummary().Single());
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));

        // Their own record is theirs to choose (the same reach as every record, for someone who sees only their own).
        await browser.MakeApiTokenAsync("Own", person: person.PersonId.ToString()!);
        Assert.Equal(person.PersonId, await app.WithDbAsync(db => db.Set<ApiToken>().Select(t => t.PersonId).SingleAsync()));
    }

    [Theory]
    [InlineData(new[] { "CrisisPlan" }, "CrisisPlan")]
    [InlineData(new[] { "StayingWellPlan" }, "CrisisPlan,StayingWellPlan")]
    [InlineData(new[] { "CheckIns", "WellbeingPlan" }, "WellbeingPlan,CheckIns")]
    [InlineData(new[] { "StayingWellPlan", "WellbeingPlan", "CheckIns" }, null)]
    [InlineData(new[] { "CrisisPlan", "StayingWellPlan", "WellbeingPlan", "CheckIns" }, null)]
    public void ChosenParts_AreKeptWithTheCrisisPlanInTheStayingWellPlan_AndEveryPartIsNoLimit(string[] chosen, string? kept)
    {
        var parts = TokenScope.PartsFrom(chosen.Select(Enum.Parse<SharedPart>));
        Assert.Equal(kept, TokenScope.Format(parts));
        Assert.Equal(parts?.Order(), TokenScope.ParseParts(TokenScope.Format(parts))?.Order());
    }

    [Fact]
    public void StoredParts_ThatCannotBeRead_NarrowRatherThanWiden()
    {
        Assert.Empty(TokenScope.ParseParts("Everything,7")!);
        Assert.Equal(new[] { SharedPart.CheckIns }, TokenScope.ParseParts("CheckIns,Unknown")!);
        var scope = new TokenScope(null, TokenScope.ParseParts(""));
        Assert.True(scope.IsNarrow);
        Assert.All(Enum.GetValues<SharedPart>(), p => Assert.Equal(AccessLevel.None, scope.Limit(Guid.NewGuid(), p, AccessLevel.Owner)));
    }
}
