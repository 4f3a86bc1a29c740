using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Measures;

public sealed class MeasurePagesTests(MeasuresApp app) : IClassFixture<MeasuresApp>
{
    private async Task<(HttpClient Admin, Guid TeamId)> AdminAsync()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var admin = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin);
        return (await app.SignInAsync(admin), teamId);
    }

    private static Dictionary<string, string> Definition(string scoring) => new()
    {
        ["Input.Code"] = "SWB7",
        ["Input.Title"] = "Short wellbeing scale",
        ["Input.LicenceNote"] = "Test licence",
        ["Input.DefinitionJson"] = MeasureFixtures.Questionnaire(7),
        ["Input.ScoringJson"] = scoring,
        ["save"] = "true",
    };

    [Fact]
    public async Task AdminLoadsAndEnablesAMeasure_PersonCompletesIt_AndItIsScoredAsThePublishedTable()
    {
        var (admin, teamId) = await AdminAsync();
        var saved = await admin.SubmitFormAsync("/organisation/measures", Definition(MeasureFixtures.ShortWellbeingScoring()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var measureId = await app.WithDbAsync(db => db.Set<MeasureDefinition>().Where(m => m.Code == "SWB7" && m.Title == "Short wellbeing scale").Select(m => m.Id).SingleAsync());

        var person = await app.CreatePersonAsync("Kai");
        await app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = teamId, StartedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(person);
        // Switched off: the person cannot see or open it.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/measures/{measureId}")).StatusCode);

        await admin.SubmitFormAsync("/organisation/measures", new Dictionary<string, string>(), action: $"id={measureId}");
        var answers = new Dictionary<string, string>();
        int[] values = [3, 3, 3, 3, 3, 3, 2];
        for (var i = 0; i < 7; i++)
        {
            answers[$"Answers[q{i + 1}]"] = values[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Contains("Item 1", (await client.GetPageAsync($"/measures/{measureId}")).MainText());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/measures/{measureId}", answers)).StatusCode);

        var page = await client.GetPageAsync("/measures");
        Assert.Contains("18.59", page.MainText());
        var response = await app.WithDbAsync(db => db.Set<MeasureResponse>().SingleAsync(r => r.PersonId == person.PersonId));
        Assert.Equal(20m, response.RawScore);
        Assert.Equal(18.59m, response.MetricScore);

        // Too few answers: refused with a reason, nothing saved.
        var partial = new Dictionary<string, string>(answers);
        partial.Remove("Answers[q7]");
        var refused = await Forms.ParseAsync(await client.SubmitFormAsync($"/measures/{measureId}", partial));
        Assert.Contains("Please answer more of the questions: 6 of 7 questions answered; at least 7 are needed for a score.", refused.ErrorSummary());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MeasureResponse>().CountAsync(r => r.PersonId == person.PersonId)));

        // Three months on, a higher score beyond the reliable-change threshold is flagged as real change.
        app.Time.Advance(TimeSpan.FromDays(90));
        client = await app.SignInAsync(person);
        foreach (var key in answers.Keys.ToList())
        {
            answers[key] = "4";
        }
        await client.SubmitFormAsync($"/measures/{measureId}", answers);
        var later = (await client.GetPageAsync("/measures")).MainText();
        Assert.Contains("25.03", later);
        Assert.Contains("Reliable improvement since your first", later);
    }

    [Fact]
    public async Task MalformedScoringRule_IsRefusedNamingThePath_AndNothingIsSaved()
    {
        var (admin, _) = await AdminAsync();
        var before = await app.WithDbAsync(db => db.Set<MeasureDefinition>().CountAsync());
        var response = await admin.SubmitFormAsync("/organisation/measures",
            Definition("""{"method":"sum","items":["q1","q2","q3","q4","q5","q6","q7"],"conversion":[{"raw":7.5,"metric":7}]}"""));
        var page = await Forms.ParseAsync(response);
        Assert.Contains("scoring.conversion[0].raw must be a whole number", page.ErrorSummary());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<MeasureDefinition>().CountAsync()));
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministrator_GetsNotFound()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.SignInAsync(await app.CreateStaffAsync(orgId, teamId));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/organisation/measures")).StatusCode);
    }
}

public sealed class MeasuresApp : LivingBetterApp;
