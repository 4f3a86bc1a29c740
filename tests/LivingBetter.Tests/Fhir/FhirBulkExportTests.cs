using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>A person with a plan, a check-in and a sharing grant.</summary>
    private async Task<Actor> PersonAsync(string name, Guid? team, bool optedOut = false)
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
}
