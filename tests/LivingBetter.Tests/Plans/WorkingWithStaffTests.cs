using System.Net;
using System.Net.Http.Json;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Plans;

public sealed class WorkingWithStaffTests(PlansApp app) : IClassFixture<PlansApp>
{
    private const string Words = "Quiet room, dim lights, my sister Jo with me.";

    private async Task<(Actor Person, HttpClient PersonClient, Actor Staff, HttpClient StaffClient)> SetUpAsync(ShareAccess? access)
    {
        var person = await app.CreatePersonAsync("Morgan");
        var personClient = await app.SignInAsync(person);
        await personClient.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string> { ["F.WhatHelps"] = Words });
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(orgId, teamId);
        if (access is { } a)
        {
            await app.ShareAsync(person.PersonId!.Value, staff.UserId, SharedPart.CrisisPlan, a);
        }
        return (person, personClient, staff, await app.SignInAsync(staff));
    }

    private static string SharedUrl(Actor person) => $"/people/{person.PersonId}/plans/staying-well/crisis";

    [Fact]
    public async Task StaffWithoutGrant_CannotSeeThePlan()
    {
        var (person, _, _, staff) = await SetUpAsync(access: null);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(SharedUrl(person))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/people/{person.PersonId}/plans")).StatusCode);
        var api = await staff.GetAsync($"/api/people/{person.PersonId}/plans/staying-well");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("Quiet room", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaffWithViewOnly_ReadsButCannotAddAView()
    {
        var (person, _, _, staff) = await SetUpAsync(ShareAccess.View);
        var page = await staff.GetPageAsync(SharedUrl(person));
        Assert.Contains(Words, page.MainText());
        Assert.Empty(page.QuerySelectorAll("main form"));
        var response = await staff.PostWithTokenAsync("/account/security", SharedUrl(person) + "?handler=note",
            new Dictionary<string, string> { ["NoteText"] = "I think otherwise." });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StaffWithSuggest_CannotChangeThePersonsWords_ByAnyPageOrApi()
    {
        var (person, personClient, staffActor, staff) = await SetUpAsync(ShareAccess.Suggest);

        // The person's own editing page is theirs alone.
        var page = await staff.PostWithTokenAsync(SharedUrl(person), "/plans/staying-well/crisis",
            new Dictionary<string, string> { ["BaseVersion"] = "1", ["F.WhatHelps"] = "Overwritten by staff" });
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        // The API refuses too, whatever version is claimed.
        var api = await staff.PutAsJsonAsync($"/api/people/{person.PersonId}/plans/staying-well/sections/crisis",
            new { baseVersion = 1, content = new { whatHelps = "Overwritten by staff" }, done = false });
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);

        // Nor can restore, review or goals pages reach someone else's plan.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/plans/staying-well/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/plans/wellbeing/goals")).StatusCode);

        var mine = await personClient.GetPageAsync("/plans/staying-well/crisis");
        Assert.Equal(Words, mine.QuerySelector("#F_WhatHelps")!.TextContent);
        var versions = await app.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == person.PersonId).ToListAsync());
        Assert.All(versions, v => Assert.Equal(person.UserId, v.AuthorUserId));
        Assert.Single(versions);
        _ = staffActor;
    }

    [Fact]
    public async Task Api_OwnerSaves_AndStaleVersionGetsConflict()
    {
        var (person, personClient, _, _) = await SetUpAsync(access: null);
        var url = $"/api/people/{person.PersonId}/plans/staying-well/sections/crisis";
        var ok = await personClient.PutAsJsonAsync(url, new { baseVersion = 1, content = new { whatHelps = "Tea.", allergies = "None" }, done = true });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = await personClient.PutAsJsonAsync(url, new { baseVersion = 1, content = new { whatHelps = "Coffee." }, done = false });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var tooLong = await personClient.PutAsJsonAsync(url, new { baseVersion = 2, content = new { allergies = new string('x', 1001) }, done = false });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Allergies must be 1,000 characters or fewer", await tooLong.Content.ReadAsStringAsync());

        var plan = await personClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/people/{person.PersonId}/plans/staying-well");
        var crisis = plan.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "crisis");
        Assert.Equal("Tea.", crisis.GetProperty("content").GetProperty("whatHelps").GetString());
        Assert.Equal(2, crisis.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ProfessionalView_IsShownBesideThePersonsWords_ClearlyLabelled()
    {
        var (person, personClient, _, staff) = await SetUpAsync(ShareAccess.Suggest);
        var response = await staff.SubmitFormAsync(SharedUrl(person), new Dictionary<string, string>
        {
            ["NoteText"] = "From our work together, a short walk has often helped too.",
        }, "handler=note");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await personClient.GetPageAsync("/plans/staying-well/crisis");
        var view = page.QuerySelector(".lb-professional-view")!.TextContent;
        Assert.Contains("Professional view from", view);
        Assert.Contains("a short walk has often helped too", view);
        Assert.Equal(Words, page.QuerySelector("#F_WhatHelps")!.TextContent);
    }

    [Fact]
    public async Task Suggestion_AcceptedByPerson_BecomesTheirVersion_SuggestedByStaff()
    {
        var (person, personClient, staffActor, staff) = await SetUpAsync(ShareAccess.Suggest);
        var sent = await staff.SubmitFormAsync(SharedUrl(person), new Dictionary<string, string>
        {
            ["F.WhatHelps"] = Words + "\nA short walk outside.",
            ["SuggestionNote"] = "You mentioned this at our last meeting.",
        }, "handler=suggest");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        // Until the person decides, their words stand.
        var page = await personClient.GetPageAsync("/plans/staying-well/crisis");
        Assert.Equal(Words, page.QuerySelector("#F_WhatHelps")!.TextContent);
        var card = page.QuerySelector("[data-suggestion]")!;
        Assert.Contains("What helps me in a crisis: changed from", card.TextContent);
        Assert.Contains("You mentioned this at our last meeting.", card.TextContent);

        var form = PlanTestSupport.FormOf(page, "/plans/staying-well/crisis", null);
        var suggestionForm = page.QuerySelector("[data-suggestion] form")!;
        var values = suggestionForm.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        var accepted = await personClient.PostAsync("/plans/staying-well/crisis?handler=accept", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        _ = form;

        page = await personClient.GetPageAsync("/plans/staying-well/crisis");
        Assert.Equal(Words + "\nA short walk outside.", page.QuerySelector("#F_WhatHelps")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-suggestion]"));

        var latest = await app.WithDbAsync(db => db.PlanSectionVersions
            .Where(v => v.Section!.Plan!.PersonId == person.PersonId).OrderByDescending(v => v.Number).FirstAsync());
        Assert.Equal(person.UserId, latest.AuthorUserId);
        Assert.Equal(staffActor.UserId, latest.SuggestedByUserId);
        var history = await personClient.GetPageAsync("/plans/staying-well/history");
        Assert.Contains("suggested by", history.MainText());
    }

    [Fact]
    public async Task Suggestion_Declined_LeavesWordsUnchanged()
    {
        var (person, personClient, _, staff) = await SetUpAsync(ShareAccess.Suggest);
        await staff.SubmitFormAsync(SharedUrl(person), new Dictionary<string, string> { ["F.WhatHelps"] = "Something else entirely." }, "handler=suggest");
        var page = await personClient.GetPageAsync("/plans/staying-well/crisis");
        var values = page.QuerySelector("[data-suggestion] form")!.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        var declined = await personClient.PostAsync("/plans/staying-well/crisis?handler=decline", new FormUrlEncodedContent(values));
        page = await personClient.FollowAsync(declined);
        Assert.Equal(Words, page.QuerySelector("#F_WhatHelps")!.TextContent);
        Assert.Contains("You declined the suggestion", page.MainText());
    }

    [Fact]
    public async Task CrisisOnlyGrant_DoesNotOpenTheRestOfThePlan()
    {
        var (person, _, _, staff) = await SetUpAsync(ShareAccess.View);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/people/{person.PersonId}/plans/staying-well/triggers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/people/{person.PersonId}/plans/wellbeing/strengths")).StatusCode);
        var overview = await staff.GetPageAsync($"/people/{person.PersonId}/plans");
        Assert.Contains("Crisis plan", overview.MainText());
        Assert.DoesNotContain("Triggers", overview.MainText());
    }
}
