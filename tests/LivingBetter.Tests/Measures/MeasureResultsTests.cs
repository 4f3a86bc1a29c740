using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Measures;

/// <summary>Measure results seen by the person and by a worker they share their check-ins with, and the measures JSON API.</summary>
public sealed class MeasureResultsTests(MeasuresApp app) : IClassFixture<MeasuresApp>
{
    private sealed record Setup(Actor Person, HttpClient Client, Guid OrganisationId, Guid TeamId, Guid MeasureId);

    private async Task<Setup> PersonWithEnabledMeasureAsync(bool enabled = true)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var measureId = await Fhir.FhirMeasureData.AddMeasureAsync(app, orgId, enabled);
        var person = await app.CreatePersonAsync("Noor");
        await app.AddCareEpisodeAsync(person.PersonId!.Value, teamId);
        return new Setup(person, await app.SignInAsync(person), orgId, teamId, measureId);
    }

    private static object Answers(params int[] values) =>
        new { answers = values.Select((v, i) => (v, i)).ToDictionary(x => $"q{x.i + 1}", x => x.v.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    private static int[] Seven(int value) => Enumerable.Repeat(value, 7).ToArray();

    private Task<int> ResponseCountAsync(Actor person) =>
        app.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync(r => r.PersonId == person.PersonId));

    [Fact]
    public async Task PersonAnswersThroughTheApi_ScoredAsThePublishedTable_AndListedWithReliableChange()
    {
        var s = await PersonWithEnabledMeasureAsync();

        var listed = await s.Client.GetFromJsonAsync<JsonElement>("/api/measures");
        var measure = Assert.Single(listed.EnumerateArray());
        Assert.Equal("Short wellbeing scale", measure.GetProperty("title").GetString());
        Assert.Equal(7, measure.GetProperty("questions").GetArrayLength());
        Assert.Equal("Item 1", measure.GetProperty("questions")[0].GetProperty("text").GetString());

        var first = await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(3, 3, 3, 3, 3, 3, 2));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var scored = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20m, scored.GetProperty("raw").GetDecimal());
        Assert.Equal(18.59m, scored.GetProperty("metric").GetDecimal());
        Assert.Equal("baseline", scored.GetProperty("change").GetString());

        app.Time.Advance(TimeSpan.FromDays(60));
        s = s with { Client = await app.SignInAsync(s.Person) };
        await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(3))); // 21 → 19.25: within the threshold of 3
        app.Time.Advance(TimeSpan.FromDays(60));
        s = s with { Client = await app.SignInAsync(s.Person) };
        await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(4))); // 28 → 25.03

        var results = await s.Client.GetFromJsonAsync<JsonElement>($"/api/people/{s.Person.PersonId}/measures");
        var history = Assert.Single(results.EnumerateArray());
        Assert.Equal(3m, history.GetProperty("reliableChange").GetDecimal());
        var rows = history.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("metric").GetDecimal(), r.GetProperty("change").GetString())).ToList();
        Assert.Equal([(18.59m, "baseline"), (19.25m, "noReliableChange"), (25.03m, "reliableImprovement")], rows);
    }

    [Theory]
    [InlineData("""{"answers":{"q1":"3","q2":"3","q3":"9","q4":"3","q5":"3","q6":"3","q7":"3"}}""", "answers.q3", "Choose one of the answers for question 3")]
    [InlineData("""{"answers":{"q1":"3","q2":"3","q3":"3","q4":"3","q5":"3","q6":"3","q7":"3","q99":"3"}}""", "answers.q99", "'q99' is not a question in Short wellbeing scale")]
    [InlineData("""{"answers":{"q1":"3","q2":"3","q3":"3"}}""", "answers", "Please answer more of the questions: 3 of 7 questions answered; at least 7 are needed for a score.")]
    [InlineData("""{}""", "answers", "Please answer more of the questions: 0 of 7 questions answered")]
    public async Task BadAnswersThroughTheApi_AreRefusedNamingTheField_AndNothingIsSaved(string body, string field, string message)
    {
        var s = await PersonWithEnabledMeasureAsync();
        var response = await s.Client.PostAsync($"/api/measures/{s.MeasureId}/responses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(0, await ResponseCountAsync(s.Person));
    }

    [Fact]
    public async Task MalformedJsonBody_IsABadRequest_NotAServerError()
    {
        var s = await PersonWithEnabledMeasureAsync();
        var response = await s.Client.PostAsync($"/api/measures/{s.MeasureId}/responses", new StringContent("""{"answers":{"q1":3""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await ResponseCountAsync(s.Person));
    }

    [Fact]
    public async Task MeasureSwitchedOff_IsNotListed_AndAnswersGetNotFound()
    {
        var s = await PersonWithEnabledMeasureAsync(enabled: false);
        Assert.Equal(0, (await s.Client.GetFromJsonAsync<JsonElement>("/api/measures")).GetArrayLength());
        var response = await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(3)));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await ResponseCountAsync(s.Person));
    }

    [Fact]
    public async Task WorkerWithCheckInsShared_SeesScoresOverTimeBesideTheWheel_WithReliableChangeMarked()
    {
        var s = await PersonWithEnabledMeasureAsync();
        await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(4))); // 28 → 25.03
        app.Time.Advance(TimeSpan.FromDays(90));
        s = s with { Client = await app.SignInAsync(s.Person) };
        await s.Client.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(3))); // 21 → 19.25: down 5.78

        var shared = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        var notShared = await app.CreateStaffAsync(s.OrganisationId, s.TeamId);
        var sharedClient = await app.SignInAsync(shared);
        var notSharedClient = await app.SignInAsync(notShared);
        await app.GrantAsync(s.Person.PersonId!.Value, shared.UserId, null, SharedPart.CheckIns);

        var page = await sharedClient.GetPageAsync($"/people/{s.Person.PersonId}/check-ins/progress");
        var text = page.MainText();
        Assert.Contains("Questionnaire scores", text);
        Assert.Contains("Noor's scores for Short wellbeing scale", text);
        var rows = page.QuerySelectorAll("section.lb-measure tbody tr").Select(r => r.TextContent.Replace('\n', ' ')).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("25.03", rows[0]);
        Assert.Contains("Starting point", rows[0]);
        Assert.Contains("19.25", rows[1]);
        Assert.Contains("A reliable change for the worse since the first", rows[1]);
        var api = await sharedClient.GetFromJsonAsync<JsonElement>($"/api/people/{s.Person.PersonId}/measures");
        Assert.Equal("reliableDeterioration", api[0].GetProperty("results")[1].GetProperty("change").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await notSharedClient.GetAsync($"/api/people/{s.Person.PersonId}/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await notSharedClient.GetAsync($"/people/{s.Person.PersonId}/check-ins/progress")).StatusCode);
        // Both looks, allowed and refused, are in the person's access log.
        var log = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.PersonId == s.Person.PersonId && a.Action == "measures.api.results")
            .Select(a => new { a.ActorUserId, a.Outcome }).ToListAsync());
        Assert.Contains(log, a => a.ActorUserId == shared.UserId && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(log, a => a.ActorUserId == notShared.UserId && a.Outcome == AuditOutcome.Denied);

        // The person sees their own, in their own words.
        var own = (await s.Client.GetPageAsync("/check-ins/progress")).MainText();
        Assert.Contains("Your scores for Short wellbeing scale", own);
        Assert.Contains("A reliable change for the worse since your first", own);
        Assert.Contains("A reliable change for the worse since your first", (await s.Client.GetPageAsync("/measures")).MainText());
    }

    [Fact]
    public async Task Staff_ListTheMeasuresTheirOrganisationHasSwitchedOn_ButCannotAnswerThem()
    {
        var s = await PersonWithEnabledMeasureAsync();
        var (otherOrg, otherTeam) = await app.CreateOrganisationAsync();
        var staff = await app.SignInAsync(await app.CreateStaffAsync(s.OrganisationId, s.TeamId));
        var elsewhere = await app.SignInAsync(await app.CreateStaffAsync(otherOrg, otherTeam));

        Assert.Contains((await staff.GetFromJsonAsync<JsonElement>("/api/measures")).EnumerateArray(), m => m.GetProperty("id").GetGuid() == s.MeasureId);
        Assert.DoesNotContain((await elsewhere.GetFromJsonAsync<JsonElement>("/api/measures")).EnumerateArray(), m => m.GetProperty("id").GetGuid() == s.MeasureId);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/measures/{s.MeasureId}/responses", Answers(Seven(3)))).StatusCode);
    }
}
