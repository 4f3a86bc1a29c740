using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace LivingBetter.Tests.Fhir;

/// <summary>Earlier versions of plan sections in FHIR: in the download, as CarePlan history and vread, only as sharing allows, and restored by import.</summary>
public sealed class FhirPlanHistoryTests : IDisposable
{
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    private static object Content(SectionDef def, string text)
    {
        var content = SectionContent.Empty(def);
        var field = def.Fields.First(f => f.Kind is FieldKind.Text or FieldKind.ShortText or FieldKind.Lines);
        field.Property.SetValue(content, field.Kind == FieldKind.Lines ? new List<string> { text } : text);
        return content;
    }

    /// <summary>A person whose daily section was saved three times and whose crisis section once.</summary>
    private async Task<(Actor Person, Guid PlanId)> PersonWithHistoryAsync(LivingBetterApp on, string name = "History Person")
    {
        var person = await on.CreatePersonAsync(name);
        await on.WithServicesAsync(async sp =>
        {
            var store = sp.GetRequiredService<PlanStore>();
            var daily = PlanStructure.Find(PlanKind.StayingWell, "daily")!;
            var crisis = PlanStructure.Find(PlanKind.StayingWell, "crisis")!;
            for (var i = 1; i <= 3; i++)
            {
                Assert.True((await store.SaveAsync(person.PersonId!.Value, daily, Content(daily, $"Daily words {i}"), i - 1, null, person.UserId, null, $"Saved {i}")).Saved);
                on.Time.Advance(TimeSpan.FromMinutes(5));
            }
            Assert.True((await store.SaveAsync(person.PersonId!.Value, crisis, Content(crisis, "Crisis words 1"), 0, null, person.UserId, null, "Saved")).Saved);
            return 0;
        });
        var planId = await on.WithDbAsync(db => db.Plans.Where(p => p.PersonId == person.PersonId && p.Kind == PlanKind.StayingWell).Select(p => p.Id).SingleAsync());
        return (person, planId);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (resource, problems) = FhirReader.Parse<T>(await response.Content.ReadAsByteArrayAsync());
        Assert.True(resource is not null, string.Join("; ", problems.Select(p => p.Message)));
        return resource!;
    }

    [Fact]
    public async Task History_Owner_GetsOneVersionPerSaveNewestFirst_AndVreadGivesTheWordsOfThatTime()
    {
        var (person, planId) = await PersonWithHistoryAsync(app);
        var client = await app.SignInAsync(person);

        var history = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/CarePlan/{planId}/_history"));
        var current = await ReadAsync<CarePlan>(await client.GetAsync($"/fhir/CarePlan/{planId}"));
        var first = await ReadAsync<CarePlan>(await client.GetAsync($"/fhir/CarePlan/{planId}/_history/1"));

        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal(["4", "3", "2", "1"], history.Entry.Select(e => e.Resource!.Meta!.VersionId));
        Assert.Equal("4", current.Meta!.VersionId);
        var firstWords = Assert.Single(first.Activity).GetStringExtension(FhirMapper.ExtSectionContent);
        Assert.Contains("Daily words 1", firstWords);
        // The current CarePlan carries the earlier versions of each section, for the download and for import.
        var daily = current.Activity.Single(a => a.Detail!.Code!.Coding[0].Code == "daily");
        Assert.Equal(2, daily.Extension.Count(e => e.Url == FhirMapper.ExtSectionHistory));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/CarePlan/{planId}/_history/5")).StatusCode);
    }

    [Fact]
    public async Task History_SupporterShownOnlyTheCrisisPlan_SeesOnlyTheCrisisSectionsSaves_NeverTheOtherSectionsWords()
    {
        var (person, planId) = await PersonWithHistoryAsync(app);
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value);
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CrisisPlan);
        var client = await app.SignInAsync(supporter);

        var response = await client.GetAsync($"/fhir/CarePlan/{planId}/_history");
        var text = await response.Content.ReadAsStringAsync();
        var history = await ReadAsync<Bundle>(response);

        var only = Assert.Single(history.Entry);
        Assert.Equal("1", only.Resource!.Meta!.VersionId);
        Assert.DoesNotContain("Daily words", text);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/CarePlan/{planId}/_history/2")).StatusCode);
        var everything = await (await client.GetAsync($"/fhir/Patient/{person.PersonId}/$everything")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Daily words", everything);
    }

    [Fact]
    public async Task History_StaffOfATeamNotShownThePlan_OrAStranger_Get404_AndTheDecisionIsLogged()
    {
        var (person, planId) = await PersonWithHistoryAsync(app);
        var (org, team) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(org, team);
        await app.GrantAsync(person.PersonId!.Value, null, team, SharedPart.CheckIns);
        var stranger = await app.SignInAsNewPersonAsync("Stranger");

        foreach (var client in new[] { await app.SignInAsync(staff), stranger })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/CarePlan/{planId}/_history")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/CarePlan/{planId}/_history/1")).StatusCode);
        }
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == person.PersonId && a.Action == "fhir.history.CarePlan" && a.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task Download_ThenImportIntoAFreshInstance_KeepsEveryEarlierVersionWithItsNumberWordsTimeAndReason()
    {
        var (person, _) = await PersonWithHistoryAsync(app, "Traveller");
        var exported = await (await (await app.SignInAsync(person)).GetAsync("/my-data?handler=fhir")).Content.ReadAsByteArrayAsync();
        var before = await app.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == person.PersonId && v.Section.Key == "daily")
            .OrderBy(v => v.Number).Select(v => new { v.Number, v.Content, v.CreatedAt, v.Reason }).ToListAsync());

        using var fresh = new LivingBetterApp();
        var newcomer = await fresh.CreatePersonAsync("Someone New");
        var freshClient = await fresh.SignInAsync(newcomer);
        Assert.Equal(HttpStatusCode.OK, (await freshClient.PostAsync($"/fhir/Patient/{newcomer.PersonId}/$import", new ByteArrayContent(exported))).StatusCode);

        var after = await fresh.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == newcomer.PersonId && v.Section.Key == "daily")
            .OrderBy(v => v.Number).Select(v => new { v.Number, v.Content, v.CreatedAt, v.Reason }).ToListAsync());
        Assert.Equal(before.Take(2).Select(v => (v.Number, v.Content, v.CreatedAt.ToUniversalTime(), v.Reason)),
            after.Take(2).Select(v => (v.Number, v.Content, v.CreatedAt.ToUniversalTime(), v.Reason)));
        Assert.Equal(3, after.Last().Number);
        Assert.Contains("Daily words 3", after.Last().Content);
        // The person sees the earlier words on their own history page, as they would have before.
        var page = await freshClient.GetStringAsync("/plans/staying-well/history");
        Assert.Contains("Saved 1", page);
        // And a second export carries the same history on.
        var again = await (await freshClient.GetAsync($"/fhir/Patient/{newcomer.PersonId}/$everything")).Content.ReadAsByteArrayAsync();
        var (record, _) = FhirReader.ToRecord(FhirReader.Parse<Bundle>(again).Resource!);
        Assert.Equal(["Saved 1", "Saved 2"], record!.Plans.Single().Sections.Single(s => s.Key == "daily").History.Select(h => h.Reason));
    }

    [Fact]
    public async Task Import_EarlierVersionNumberedAtOrAboveTheCurrent_IsRefusedWholeNamingTheExtension_AndNothingSaved()
    {
        var (person, _) = await PersonWithHistoryAsync(app);
        var client = await app.SignInAsync(person);
        var exported = await (await client.GetAsync("/my-data?handler=fhir")).Content.ReadAsStringAsync();
        var bad = exported.Replace("\"url\":\"version\",\"valueInteger\":1", "\"url\":\"version\",\"valueInteger\":3", StringComparison.Ordinal);
        Assert.NotEqual(exported, bad);
        var versionsBefore = await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync());

        var response = await client.PostAsync($"/fhir/Patient/{person.PersonId}/$import", new StringContent(bad, Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirReader.Parse<OperationOutcome>(await response.Content.ReadAsByteArrayAsync()).Resource!;
        Assert.Contains(outcome.Issue, i => i.Expression.Single()!.EndsWith($"extension('{FhirMapper.ExtSectionHistory}')[0].extension('version')", StringComparison.Ordinal));
        Assert.Equal(versionsBefore, await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync()));
    }

    [Fact]
    public async Task Metadata_CarePlan_IsVersionedWithVreadAndHistory()
    {
        var capability = await ReadAsync<CapabilityStatement>(await app.CreateClient().GetAsync("/fhir/metadata"));

        var carePlan = capability.Rest[0].Resource.Single(r => r.Type == "CarePlan");
        Assert.Contains(carePlan.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Vread);
        Assert.Contains(carePlan.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.HistoryInstance);
        Assert.Equal(CapabilityStatement.ResourceVersionPolicy.Versioned, carePlan.Versioning);
    }
}
