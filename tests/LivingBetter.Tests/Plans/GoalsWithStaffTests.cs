using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Plans;

/// <summary>Deleting a goal, staff suggesting goals, and a wellbeing plan written together before the person had an account.</summary>
public sealed class GoalsWithStaffTests(PlansApp app) : IClassFixture<PlansApp>
{
    private const string Goals = "/plans/wellbeing/goals";

    private static async Task<Guid> AddGoalAsync(HttpClient client, string words, string step = "")
    {
        var response = await client.SubmitFormAsync(Goals + "/new", new Dictionary<string, string>
        {
            ["Input.Words"] = words,
            ["Input.Steps[0].Text"] = step,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);
    }

    private static List<KeyValuePair<string, string>> HiddenValues(IElement form) =>
        form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();

    private async Task<(Actor Person, HttpClient PersonClient, Actor Staff, HttpClient StaffClient)> SharedWithStaffAsync()
    {
        var person = await app.CreatePersonAsync("Robin");
        var personClient = await app.SignInAsync(person);
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(orgId, teamId);
        await app.ShareAsync(person.PersonId!.Value, staff.UserId, SharedPart.WellbeingPlan, ShareAccess.Suggest);
        return (person, personClient, staff, await app.SignInAsync(staff));
    }

    [Fact]
    public async Task DeleteGoal_AfterConfirming_IsGoneAndCanBeRestoredFromHistory()
    {
        var client = await app.SignInAsNewPersonAsync();
        var keep = await AddGoalAsync(client, "Get back to swimming");
        var doomed = await AddGoalAsync(client, "Learn the ukulele", "Borrow one from my cousin");

        var confirm = await client.GetPageAsync($"{Goals}/{doomed}?handler=delete");
        Assert.Contains("Delete this goal?", confirm.MainText());
        Assert.Contains("Learn the ukulele", confirm.MainText());
        Assert.Contains("restore", confirm.MainText());
        var deleted = await client.SubmitFormAsync($"{Goals}/{doomed}?handler=delete", new Dictionary<string, string>(), "handler=delete");
        var list = await client.FollowAsync(deleted);
        Assert.Contains("The goal is deleted", list.MainText());
        Assert.DoesNotContain("Learn the ukulele", list.MainText());
        Assert.Contains("Get back to swimming", list.MainText());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Goals}/{doomed}")).StatusCode);

        var history = await client.GetPageAsync("/plans/wellbeing/history");
        Assert.Contains("Deleted the goal “Learn the ukulele”", history.MainText());
        var before = history.QuerySelectorAll("main table a").Single(a => a.TextContent.StartsWith("Version 2", StringComparison.Ordinal)).GetAttribute("href")!;
        var restoreConfirm = await client.GetPageAsync(before + "?handler=restore");
        var restored = await PlanTestSupport.FormOf(restoreConfirm, before, "handler=restore").PostAsync(client, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        list = await client.GetPageAsync(Goals);
        Assert.Contains("Learn the ukulele", list.MainText());
        Assert.Contains("Get back to swimming", list.MainText());
        var goal = await client.GetPageAsync($"{Goals}/{doomed}");
        Assert.Equal("Borrow one from my cousin", goal.QuerySelector("#Input_Steps_0__Text")!.GetAttribute("value"));
        _ = keep;
    }

    [Fact]
    public async Task DeleteGoal_ChangedInAnotherTabSinceAsking_AsksAgainAndDeletesNothing()
    {
        var client = await app.SignInAsNewPersonAsync();
        var id = await AddGoalAsync(client, "Cook a meal for friends");
        var confirm = await client.OpenFormAsync($"{Goals}/{id}?handler=delete", "handler=delete");
        await client.SubmitFormAsync($"{Goals}/{id}", new Dictionary<string, string> { ["Input.Words"] = "Cook a meal for my friends and family" });

        var response = await confirm.PostAsync(client, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("changed in another tab", page.MainText());
        Assert.Contains("Cook a meal for my friends and family", page.MainText());
        Assert.Contains("Cook a meal for my friends and family", (await client.GetPageAsync(Goals)).MainText());
    }

    [Fact]
    public async Task GoalSuggestion_AcceptedByPerson_IsMergedAsTheirVersion_SuggestedByStaff_KeepingGoalsWrittenSince()
    {
        var (person, personClient, staffActor, staff) = await SharedWithStaffAsync();
        var swim = await AddGoalAsync(personClient, "Swim once a week");
        var staffUrl = $"/people/{person.PersonId}/plans/wellbeing/goals";

        var sent = await staff.SubmitFormAsync(staffUrl, new Dictionary<string, string>
        {
            ["GoalInput.GoalId"] = swim.ToString(),
            ["GoalInput.Words"] = "Swim twice a week",
            ["GoalInput.Steps[0]"] = "Ask about a concession pass",
            ["SuggestionNote"] = "You said once felt too little.",
        }, "handler=goal");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("only becomes part of the plan if Robin accepts it", (await staff.FollowAsync(sent)).MainText());

        // The person writes another goal while the suggestion waits; accepting must not lose it.
        await AddGoalAsync(personClient, "Visit my aunt in Leeds");
        var overview = await personClient.GetPageAsync("/plans/wellbeing");
        Assert.Contains("1 waiting for you", overview.QuerySelector("[data-section=goals]")!.TextContent);

        var list = await personClient.GetPageAsync(Goals);
        var card = list.QuerySelector("[data-suggestion]")!;
        Assert.Contains("Suggestion from", card.TextContent);
        Assert.Contains("would become: Swim twice a week", card.TextContent);
        Assert.Contains("You said once felt too little.", card.TextContent);
        Assert.Contains("Swim once a week", list.QuerySelector("main .nhsuk-card--clickable")!.TextContent);

        var accepted = await personClient.PostAsync(Goals + "?handler=accept", new FormUrlEncodedContent(HiddenValues(card.QuerySelector("form")!)));
        list = await personClient.FollowAsync(accepted);
        Assert.Contains("Swim twice a week", list.MainText());
        Assert.DoesNotContain("Swim once a week", list.MainText());
        Assert.Contains("Visit my aunt in Leeds", list.MainText());
        Assert.Empty(list.QuerySelectorAll("[data-suggestion]"));

        var latest = await app.WithDbAsync(db => db.PlanSectionVersions
            .Where(v => v.Section!.Plan!.PersonId == person.PersonId && v.Section.Key == "goals").OrderByDescending(v => v.Number).FirstAsync());
        Assert.Equal(person.UserId, latest.AuthorUserId);
        Assert.Equal(staffActor.UserId, latest.SuggestedByUserId);
    }

    [Fact]
    public async Task GoalSuggestion_Declined_LeavesGoalsUnchanged_AndStaffCannotDecideForThePerson()
    {
        var (person, personClient, _, staff) = await SharedWithStaffAsync();
        var staffUrl = $"/people/{person.PersonId}/plans/wellbeing/goals";
        await staff.SubmitFormAsync(staffUrl, new Dictionary<string, string> { ["GoalInput.Words"] = "Join a walking group" }, "handler=goal");
        var card = (await personClient.GetPageAsync(Goals)).QuerySelector("[data-suggestion]")!;
        Assert.Contains("A new goal: Join a walking group", card.TextContent);
        var values = HiddenValues(card.QuerySelector("form")!);

        // Staff cannot accept on the person's behalf, by page or by guessing the route.
        var suggestionId = values.Single(v => v.Key == "suggestionId").Value;
        var byStaff = await staff.PostWithTokenAsync(staffUrl, Goals + "?handler=accept", new Dictionary<string, string> { ["suggestionId"] = suggestionId });
        Assert.Equal(HttpStatusCode.NotFound, byStaff.StatusCode);

        var declined = await personClient.PostAsync(Goals + "?handler=decline", new FormUrlEncodedContent(values));
        var list = await personClient.FollowAsync(declined);
        Assert.Contains("You declined it", list.MainText());
        Assert.DoesNotContain("Join a walking group", list.MainText());
    }

    [Fact]
    public async Task GoalSuggestion_EmptyOrTooLong_GetsFieldNamedMessages_AndNothingIsSaved()
    {
        var (person, personClient, _, staff) = await SharedWithStaffAsync();
        var staffUrl = $"/people/{person.PersonId}/plans/wellbeing/goals";
        var response = await staff.SubmitFormAsync(staffUrl, new Dictionary<string, string>
        {
            ["GoalInput.Words"] = "",
            ["GoalInput.Steps[0]"] = "",
            ["GoalInput.Steps[1]"] = new string('s', 301),
        }, "handler=goal");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Enter the goal, in the person's own words", page.ErrorSummary());
        Assert.Contains("Step 2 must be 300 characters or fewer (you have 301)", page.ErrorSummary());
        Assert.Empty((await personClient.GetPageAsync(Goals)).QuerySelectorAll("[data-suggestion]"));
    }

    [Fact]
    public async Task WrittenTogether_BeforeThePersonHasAnAccount_StaysADraftUntilTheyConfirmIt()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staffActor = await app.CreateStaffAsync(orgId, teamId);
        var staffName = await app.WithDbAsync(db => db.Users.Where(u => u.Id == staffActor.UserId).Select(u => u.DisplayName).SingleAsync());
        var personId = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.People.Add(new Person { Id = personId, PreferredName = "Dee", StartedByUserId = staffActor.UserId, CreatedAt = app.Time.GetUtcNow() });
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = personId, TeamId = teamId, StartedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var staff = await app.SignInAsync(staffActor);

        var goalsPage = await staff.GetPageAsync($"/people/{personId}/plans/wellbeing/goals");
        Assert.Contains("has no account yet", goalsPage.MainText());
        var wrote = await staff.SubmitFormAsync($"/people/{personId}/plans/wellbeing/goals", new Dictionary<string, string>
        {
            ["GoalInput.Words"] = "Travel to south east Asia",
            ["GoalInput.Steps[0]"] = "Try a weekend away first",
        }, "handler=goal");
        Assert.Contains("draft written together with you", (await staff.FollowAsync(wrote)).MainText());
        await staff.SubmitFormAsync($"/people/{personId}/plans/wellbeing/strengths", new Dictionary<string, string>
        {
            ["F.GoodAt"] = "Determined\nGood with languages",
        }, "handler=suggest");
        // The staying-well plan stays the person's own: staff can suggest there, never write "together".
        var stayingWell = await staff.GetPageAsync($"/people/{personId}/plans/staying-well/when-well");
        Assert.DoesNotContain("has no account yet", stayingWell.MainText());

        // Nothing is part of the plan yet: no saved version of anything.
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync(v => v.Section!.Plan!.PersonId == personId)));

        // Dee claims the record (the invitation itself is the accounts feature's part).
        var dee = await app.CreatePersonAsync("Dee");
        await app.WithDbAsync(async db =>
        {
            var own = await db.People.SingleAsync(p => p.Id == dee.PersonId);
            db.People.Remove(own);
            await db.SaveChangesAsync();
            var record = await db.People.SingleAsync(p => p.Id == personId);
            record.UserId = dee.UserId;
            record.StartedByUserId = null;
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(dee);

        var overview = await client.GetPageAsync("/plans");
        Assert.NotNull(overview.QuerySelector("#drafts-to-confirm"));
        var goals = await client.GetPageAsync(Goals);
        var draft = goals.QuerySelector("[data-suggestion]")!;
        Assert.Contains($"Written together with {staffName}", draft.TextContent);
        Assert.Contains("A draft, not part of your goals until you confirm it", draft.TextContent);
        Assert.DoesNotContain("Travel to south east Asia", goals.QuerySelector("main")!.QuerySelectorAll(".nhsuk-card--clickable").Select(c => c.TextContent).FirstOrDefault() ?? "");
        var confirmed = await client.PostAsync(Goals + "?handler=accept", new FormUrlEncodedContent(HiddenValues(draft.QuerySelector("form")!)));
        goals = await client.FollowAsync(confirmed);
        Assert.Contains("Travel to south east Asia", goals.QuerySelector(".nhsuk-card--clickable")!.TextContent);

        var strengths = await client.GetPageAsync("/plans/wellbeing/strengths");
        Assert.Contains($"Written together with {staffName}", strengths.QuerySelector("[data-suggestion]")!.TextContent);
        Assert.Contains("Confirm, these are my words", strengths.QuerySelector("[data-suggestion] button")!.TextContent);

        var history = await client.GetPageAsync("/plans/wellbeing/history");
        Assert.Contains($"Confirmed what I wrote together with {staffName}", history.MainText());
        var version = await app.WithDbAsync(db => db.PlanSectionVersions.SingleAsync(v => v.Section!.Plan!.PersonId == personId));
        Assert.Equal(dee.UserId, version.AuthorUserId);
        Assert.Equal(staffActor.UserId, version.SuggestedByUserId);
    }

    [Fact]
    public async Task Staff_CannotChangeWellbeingWords_ByAnyPageOrApi()
    {
        var (person, personClient, _, staff) = await SharedWithStaffAsync();
        var id = await AddGoalAsync(personClient, "Find a place of my own");
        await personClient.SaveSectionAsync("wellbeing", "strengths", new Dictionary<string, string> { ["F.GoodAt"] = "Patient" });
        var shared = $"/people/{person.PersonId}/plans/wellbeing/goals";

        var attempts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"{Goals}/{id}", new() { ["Input.Words"] = "Staff words" }),
            ($"{Goals}/new", new() { ["Input.Words"] = "Staff words" }),
            ($"{Goals}/{id}?handler=delete", new()),
            ($"{Goals}?handler=accept", new() { ["suggestionId"] = Guid.NewGuid().ToString() }),
            ("/plans/wellbeing/strengths", new() { ["BaseVersion"] = "1", ["F.GoodAt"] = "Staff words" }),
            ("/plans/wellbeing/strengths?handler=accept", new() { ["BaseVersion"] = "1", ["suggestionId"] = Guid.NewGuid().ToString() }),
        };
        foreach (var (url, fields) in attempts)
        {
            var response = await staff.PostWithTokenAsync(shared, url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        var api = await staff.PutAsJsonAsync($"/api/people/{person.PersonId}/plans/wellbeing/sections/strengths",
            new { baseVersion = 1, content = new { goodAt = new[] { "Staff words" } }, done = false });
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);

        Assert.DoesNotContain("Staff words", (await personClient.GetPageAsync(Goals)).MainText());
        Assert.DoesNotContain("Staff words", (await personClient.GetPageAsync("/plans/wellbeing/strengths")).MainText());
        var authors = await app.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == person.PersonId).Select(v => v.AuthorUserId).Distinct().ToListAsync());
        Assert.Equal([person.UserId], authors);
    }

    [Fact]
    public async Task HtmlTypedIntoGoalsAndSuggestions_IsShownAsTextEverywhere()
    {
        const string html = "<img src=x onerror=alert(1)><script>alert('hi')</script><b>bold</b>";
        var (person, personClient, _, staff) = await SharedWithStaffAsync();
        var id = await AddGoalAsync(personClient, "Mine " + html, "Step " + html);
        var staffUrl = $"/people/{person.PersonId}/plans/wellbeing/goals";
        await staff.SubmitFormAsync(staffUrl, new Dictionary<string, string>
        {
            ["GoalInput.Words"] = "Theirs " + html,
            ["SuggestionNote"] = "Note " + html,
        }, "handler=goal");
        await staff.SubmitFormAsync($"/people/{person.PersonId}/plans/wellbeing/strengths", new Dictionary<string, string> { ["NoteText"] = "View " + html }, "handler=note");

        foreach (var (client, url) in new[]
        {
            (personClient, Goals), (personClient, $"{Goals}/{id}"), (personClient, $"{Goals}/{id}?handler=delete"),
            (personClient, "/plans/wellbeing/print"), (personClient, "/plans/wellbeing/history"), (personClient, "/plans/wellbeing/strengths"),
            (staff, staffUrl), (staff, $"/people/{person.PersonId}/plans/wellbeing/strengths"),
        })
        {
            var page = await client.GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("main img, main script, main b"));
            var main = page.QuerySelector("main")!;
            Assert.True(url.Contains("history", StringComparison.Ordinal)
                || main.TextContent.Contains("<b>bold</b>", StringComparison.Ordinal)
                || main.QuerySelectorAll("input, textarea").Any(i => (i.GetAttribute("value") ?? i.TextContent).Contains("<b>bold</b>", StringComparison.Ordinal)),
                $"{url} does not show the typed HTML as text");
        }
        var list = await personClient.GetPageAsync(Goals);
        Assert.Contains("Theirs " + html, list.QuerySelector("[data-suggestion]")!.TextContent);
        Assert.Contains("Note " + html, list.QuerySelector("[data-suggestion]")!.TextContent);
    }
}
