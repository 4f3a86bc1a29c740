using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.CheckIns;

public sealed class CheckInTests(CheckInsApp app) : IClassFixture<CheckInsApp>
{
    private static Dictionary<string, string> Ratings(params string[] values)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < values.Length; i++)
        {
            fields[$"Input.Ratings[{i}].Value"] = values[i];
        }
        return fields;
    }

    private static string[] All(string value) => Enumerable.Repeat(value, DefaultDomains.All.Count).ToArray();

    private async Task<(Actor Person, HttpClient Client)> PersonAsync()
    {
        var person = await app.CreatePersonAsync("Robin");
        return (person, await app.SignInAsync(person));
    }

    private async Task<(Actor Staff, HttpClient Client)> StaffSupportingAsync(Actor person, ShareAccess? shared)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(orgId, teamId);
        await app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = teamId, StartedAt = app.Time.GetUtcNow().AddDays(-100) });
            if (shared is { } access)
            {
                db.SharingGrants.Add(new SharingGrant
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.PersonId!.Value,
                    GranteeTeamId = teamId,
                    Part = SharedPart.CheckIns,
                    Access = access,
                    CreatedAt = app.Time.GetUtcNow(),
                });
            }
            await db.SaveChangesAsync();
        });
        return (staff, await app.SignInAsync(staff));
    }

    /// <summary>A cell's value without the heading the responsive table repeats in it for small screens.</summary>
    private static string Cell(AngleSharp.Dom.IElement td) =>
        string.Concat(td.ChildNodes.Where(n => n is not AngleSharp.Dom.IElement e || !e.ClassList.Contains("nhsuk-table-responsive__heading")).Select(n => n.TextContent)).Trim();

    private Task<int> CheckInCountAsync(Actor person) =>
        app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == person.PersonId));

    [Fact]
    public async Task ThreeCheckIns_OverFakeTime_ProgressShowsFirstPreviousAndLatestHonestly()
    {
        var (person, client) = await PersonAsync();
        var first = All("3");
        var second = All("5");
        second[4] = "2";
        var third = All("7");
        third[4] = "";
        third[9] = "4";
        foreach (var ratings in new[] { first, second, third })
        {
            var response = await client.SubmitFormAsync("/check-ins/new", Ratings(ratings));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            app.Time.Advance(TimeSpan.FromDays(30));
            // A month later the old session has long expired: sign in again, as a person would.
            client = await app.SignInAsync(person);
        }

        var page = await client.GetPageAsync("/check-ins/progress");
        var svg = page.QuerySelector("svg.lb-wheel")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("compared with last time and the first", page.QuerySelector("svg.lb-wheel title")!.TextContent);
        Assert.Equal(3, svg.QuerySelectorAll("g[data-series]").Length);

        string Row(string domain) => string.Join("|", page.QuerySelectorAll("table.lb-progress-table tbody tr")
            .First(tr => tr.QuerySelector("th")!.TextContent.StartsWith(domain, StringComparison.Ordinal))
            .QuerySelectorAll("td").Select(Cell));
        Assert.Equal("7|5|3|Up 4", Row("Mental wellbeing"));
        Assert.Equal("Skipped|2|3|Not rated both times", Row("Money"));
        Assert.Equal("4|5|3|Up 1", Row("Hope and purpose"));
        // Every domain has its own picture over time and a way to start a goal from it.
        Assert.Equal(DefaultDomains.All.Count, page.QuerySelectorAll("svg.lb-trend").Length);
        Assert.NotNull(page.QuerySelector("a[href='/plans/wellbeing/goals/new?domain=money']"));

        var stored = await app.WithDbAsync(db => db.CheckIns.Include(c => c.Ratings).ThenInclude(r => r.Domain)
            .Where(c => c.PersonId == person.PersonId).OrderBy(c => c.At).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Null(stored[2].Ratings.Single(r => r.Domain!.Key == "money").Rating);
    }

    [Fact]
    public async Task RatingOutsideScale_IsRefusedNamingTheDomain_AndNothingIsSaved()
    {
        var (person, client) = await PersonAsync();
        var ratings = All("6");
        ratings[4] = "11";
        var response = await client.SubmitFormAsync("/check-ins/new", Ratings(ratings));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Rating for Money must be between 1 and 10", page.ErrorSummary());
        Assert.Equal("Rating for Money must be between 1 and 10", page.FieldError("Input_Ratings_4__Value"));
        Assert.Equal(0, await CheckInCountAsync(person));
    }

    [Fact]
    public async Task UnknownDomain_IsRefusedByName_AndNothingIsSaved()
    {
        var (person, client) = await PersonAsync();
        var fields = Ratings(All("6"));
        fields["Input.Ratings[2].Domain"] = "astrology";
        var page = await Forms.ParseAsync(await client.SubmitFormAsync("/check-ins/new", fields));

        Assert.Contains(page.ErrorSummary(), e => e.Contains("'astrology' is not one of your life domains", StringComparison.Ordinal));
        Assert.Equal(0, await CheckInCountAsync(person));
    }

    [Fact]
    public async Task HelpWanted_IsRecordedAndShownBesideTheRating()
    {
        var (person, client) = await PersonAsync();
        var fields = Ratings(All("4"));
        fields["Input.Ratings[5].WantsHelp"] = "true";
        fields["Input.Note"] = "Landlord trouble again";
        await client.SubmitFormAsync("/check-ins/new", fields);

        var page = await client.GetPageAsync("/check-ins/progress");
        Assert.Contains(page.QuerySelectorAll("table.lb-progress-table th[scope=row]"), th => th.TextContent == "Home (help wanted)");
        Assert.Contains("Landlord trouble again", (await client.GetPageAsync("/check-ins")).MainText());
    }

    [Fact]
    public async Task SomeoneNotShared_GetsNotFound_OnPagesAndApi()
    {
        var (person, client) = await PersonAsync();
        await client.SubmitFormAsync("/check-ins/new", Ratings(All("5")));
        var (_, staff) = await StaffSupportingAsync(person, shared: null);
        var stranger = await app.SignInAsNewPersonAsync("Stranger");

        foreach (var c in new[] { staff, stranger })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/people/{person.PersonId}/check-ins/progress")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/people/{person.PersonId}/check-ins")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/api/people/{person.PersonId}/check-ins")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/people/{person.PersonId}/check-ins/joint")).StatusCode);
        }
        var denied = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == person.PersonId && a.Outcome == AuditOutcome.Denied));
        Assert.True(denied >= 8);
    }

    [Fact]
    public async Task JointCheckIn_WorkerViewSitsBesideThePersons_AndDifferencesAreShownNotAveraged()
    {
        var (person, client) = await PersonAsync();
        await client.SubmitFormAsync("/check-ins/new", Ratings(All("6")));
        var (_, staff) = await StaffSupportingAsync(person, ShareAccess.Suggest);

        var fields = new Dictionary<string, string>();
        for (var i = 0; i < DefaultDomains.All.Count; i++)
        {
            fields[$"Ratings[{i}].Value"] = i == 0 ? "3" : "6";
        }
        var response = await staff.SubmitFormAsync($"/people/{person.PersonId}/check-ins/joint", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        foreach (var (c, url) in new[] { (staff, $"/people/{person.PersonId}/check-ins/progress"), (client, "/check-ins/progress") })
        {
            var page = await c.GetPageAsync(url);
            var row = page.QuerySelectorAll("table.lb-progress-table tbody tr").First(tr => tr.QuerySelector("th")!.TextContent == "Mental wellbeing");
            var cells = row.QuerySelectorAll("td").Select(Cell).ToList();
            Assert.Equal("6", cells[0]);
            Assert.Equal("3 (different view)", cells[^1]);
        }
        var person6 = await app.WithDbAsync(db => db.CheckInRatings.Where(r => r.CheckIn!.PersonId == person.PersonId && r.Domain!.Key == "mental-wellbeing").SingleAsync());
        Assert.Equal(6, person6.Rating);
        Assert.Equal(3, person6.WorkerRating);
    }

    [Fact]
    public async Task JointCheckIn_WorkerRatingOutsideScale_IsRefusedByName()
    {
        var (person, client) = await PersonAsync();
        await client.SubmitFormAsync("/check-ins/new", Ratings(All("6")));
        var (_, staff) = await StaffSupportingAsync(person, ShareAccess.Suggest);

        var page = await Forms.ParseAsync(await staff.SubmitFormAsync($"/people/{person.PersonId}/check-ins/joint", new Dictionary<string, string> { ["Ratings[1].Value"] = "0" }));
        Assert.Contains("Your rating for Physical health must be a whole number from 1 to 10", page.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckInRatings.CountAsync(r => r.CheckIn!.PersonId == person.PersonId && r.WorkerRating != null)));
    }

    [Fact]
    public async Task StaffWithViewOnly_SeeCheckInsReadOnly_AndCannotAddOrRecordRatings()
    {
        var (person, client) = await PersonAsync();
        await client.SubmitFormAsync("/check-ins/new", Ratings(All("6")));
        var (_, staff) = await StaffSupportingAsync(person, ShareAccess.View);

        var page = await staff.GetPageAsync($"/people/{person.PersonId}/check-ins/progress");
        Assert.NotNull(page.QuerySelector("svg.lb-wheel"));
        Assert.Null(page.QuerySelector("a[href^='/plans/wellbeing/goals/new']"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/people/{person.PersonId}/check-ins/joint")).StatusCode);
        var post = await staff.PostAsJsonAsync($"/api/people/{person.PersonId}/check-ins", new { ratings = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Api_BadRatings_GetProblemDetailsNamingFields_AndGoodOnesAreSaved()
    {
        var (person, client) = await PersonAsync();
        var url = $"/api/people/{person.PersonId}/check-ins";
        var bad = DefaultDomains.All.Select((d, i) => new { domain = i == 1 ? "nope" : d.Key, rating = i == 0 ? 0 : 5 }).ToList();
        var response = await client.PostAsJsonAsync(url, new { note = "", ratings = bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("between 1 and 10", errors.GetProperty("ratings[0].rating")[0].GetString());
        Assert.Contains("'nope'", errors.GetProperty("ratings[1].domain")[0].GetString());
        Assert.Equal(0, await CheckInCountAsync(person));

        var good = DefaultDomains.All.Select((d, i) => new { domain = d.Key, rating = i == 3 ? (int?)null : 8, skipped = i == 3 }).ToList();
        var created = await client.PostAsJsonAsync(url, new { note = "From the app", ratings = good });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>(url);
        var ratings = list[0].GetProperty("ratings");
        Assert.True(ratings[3].GetProperty("skipped").GetBoolean());
        Assert.Equal(8, ratings[0].GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task ChosenFrequency_HomeShowsWhenDue_AndStaffSeeOnlySharedPeopleOverdue()
    {
        var (person, client) = await PersonAsync();
        await client.SubmitFormAsync("/check-ins/how-often", new Dictionary<string, string> { ["Input.EveryDays"] = "7" });
        await client.SubmitFormAsync("/check-ins/new", Ratings(All("5")));
        Assert.Contains("The next is due on", (await client.GetPageAsync("/")).MainText());

        var (staffActor, staff) = await StaffSupportingAsync(person, ShareAccess.View);
        var hidden = await app.CreatePersonAsync("Not Shared");
        await app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = hidden.PersonId!.Value, TeamId = staffActor.TeamId!.Value, StartedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("Robin", (await staff.GetPageAsync("/check-ins/overdue")).MainText());

        app.Time.Advance(TimeSpan.FromDays(8));
        client = await app.SignInAsync(person);
        staff = await app.SignInAsync(staffActor);
        Assert.Contains("A check-in is due.", (await client.GetPageAsync("/")).MainText());
        var overdue = (await staff.GetPageAsync("/check-ins/overdue")).MainText();
        Assert.Contains("Robin", overdue);
        Assert.Contains("Every week", overdue);
        Assert.DoesNotContain("Not Shared", overdue);
    }

    [Fact]
    public async Task Frequency_NotAnOption_IsRefusedWithAMessage()
    {
        var (_, client) = await PersonAsync();
        var page = await Forms.ParseAsync(await client.SubmitFormAsync("/check-ins/how-often", new Dictionary<string, string> { ["Input.EveryDays"] = "3" }));
        Assert.Contains("Choose one of the options for how often to check in", page.ErrorSummary());
    }
}

/// <summary>xUnit needs a fixture with a single constructor.</summary>
public sealed class CheckInsApp : LivingBetterApp;
