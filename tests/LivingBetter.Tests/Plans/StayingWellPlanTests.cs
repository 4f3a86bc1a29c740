using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Plans;

public sealed class StayingWellPlanTests(PlansApp app) : IClassFixture<PlansApp>
{
    [Fact]
    public async Task WritingSections_LeavingAndComingBack_ShowsProgressAndKeepsWords()
    {
        var person = await app.CreatePersonAsync("Robin");
        var client = await app.SignInAsync(person);

        var overview = await client.GetPageAsync("/plans");
        Assert.Contains("My staying-well plan", overview.MainText());
        Assert.Contains("0 of 8 sections done", overview.MainText());

        await client.SaveSectionAsync("staying-well", "when-well", new Dictionary<string, string>
        {
            ["F.Description"] = "I get up early and walk the dog along the canal.",
            ["F.Words"] = "chatty\ncurious",
            ["Done"] = "true",
        });
        await client.SaveSectionAsync("staying-well", "toolbox", new Dictionary<string, string>
        {
            ["F.Tools"] = "Phone my brother\nSwim at the leisure centre",
        });

        // Sign in again, as if on another day.
        var later = await app.SignInAsync(person);
        overview = await later.GetPageAsync("/plans/staying-well");
        Assert.Contains("1 of 8 sections done, 1 started", overview.MainText());
        Assert.Equal("Done", overview.QuerySelector("tr[data-section=when-well] .nhsuk-tag")!.TextContent.Trim());
        Assert.Equal("Started", overview.QuerySelector("tr[data-section=toolbox] .nhsuk-tag")!.TextContent.Trim());
        Assert.Equal("Not started", overview.QuerySelector("tr[data-section=crisis] .nhsuk-tag")!.TextContent.Trim());
        Assert.Contains("Carry on with", overview.MainText());

        var section = await later.GetPageAsync("/plans/staying-well/when-well");
        Assert.Equal("I get up early and walk the dog along the canal.", section.QuerySelector("#F_Description")!.TextContent);
    }

    [Fact]
    public async Task ActionPlan_PicksItemsFromToolbox()
    {
        var client = await app.SignInAsNewPersonAsync();
        await client.SaveSectionAsync("staying-well", "toolbox", new Dictionary<string, string> { ["F.Tools"] = "Music on headphones\nCall Jo" });

        var triggers = await client.GetPageAsync("/plans/staying-well/triggers");
        var options = triggers.QuerySelectorAll("input[name='F.ToolsToUse']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["Music on headphones", "Call Jo"], options);

        var form = PlanTestSupport.FormOf(triggers, "/plans/staying-well/triggers", "/plans/staying-well/triggers");
        var values = form.Hidden.Concat([
            new("F.Triggers", "Letters from the council"),
            new("F.ToolsToUse", "Call Jo"),
            new("F.MyActions", "Open letters with someone else in the room."),
        ]);
        var response = await client.PostAsync(form.Action, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await client.GetPageAsync("/plans/staying-well/triggers");
        Assert.NotNull(saved.QuerySelector("input[name='F.ToolsToUse'][value='Call Jo'][checked]"));
        Assert.Null(saved.QuerySelector("input[name='F.ToolsToUse'][value='Music on headphones'][checked]"));
    }

    [Fact]
    public async Task CrisisPlan_SavesEveryFieldAndSupporters()
    {
        var client = await app.SignInAsNewPersonAsync();
        var page = await client.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string>
        {
            ["F.TakeOverSigns"] = "Not eating for two days; talking about the radio sending messages.",
            ["F.Supporters[0].Name"] = "Jo Smith",
            ["F.Supporters[0].Relationship"] = "Sister",
            ["F.Supporters[0].Contact"] = "07700 900123",
            ["F.Supporters[0].WhatIWant"] = "Stay with me and feed the cat.",
            ["F.Supporters[1].Name"] = "Dr Okoro",
            ["F.NotInvolved"] = "My ex-partner.",
            ["F.Medicines"] = "Sertraline 100mg in the morning",
            ["F.Allergies"] = "Penicillin",
            ["F.MedicinesToAvoid"] = "Haloperidol: it made me very stiff.",
            ["F.TreatmentsPreferred"] = "Talking things through first.",
            ["F.TreatmentsToAvoid"] = "Being restrained.",
            ["F.PlacesPreferred"] = "Home with the crisis team.",
            ["F.PlacesToAvoid"] = "The ward where I was in 2019.",
            ["F.WhatHelps"] = "Quiet, low lights, someone sitting with me.",
            ["F.WhatDoesNotHelp"] = "Lots of questions at once.",
            ["F.AtHome"] = "Jo feeds the cat; Mum pays the gas bill.",
            ["F.NoLongerNeeded"] = "I'm sleeping through the night and cooking again.",
        });
        Assert.Equal("Jo Smith", page.QuerySelector("#F_Supporters_0__Name")!.GetAttribute("value"));
        Assert.Equal("Stay with me and feed the cat.", page.QuerySelector("#F_Supporters_0__WhatIWant")!.TextContent);
        Assert.Equal("Dr Okoro", page.QuerySelector("#F_Supporters_1__Name")!.GetAttribute("value"));
        Assert.Equal("Jo feeds the cat; Mum pays the gas bill.", page.QuerySelector("#F_AtHome")!.TextContent);
        Assert.Equal("I'm sleeping through the night and cooking again.", page.QuerySelector("#F_NoLongerNeeded")!.TextContent);
        Assert.Contains("Saved", page.MainText());
    }

    [Fact]
    public async Task TooLongField_ShowsMessageAndSavesNothing()
    {
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsync(person);
        var form = await client.OpenFormAsync("/plans/staying-well/crisis", "/plans/staying-well/crisis");
        var response = await form.PostAsync(client, new Dictionary<string, string>
        {
            ["F.WhatHelps"] = "Fine words",
            ["F.Allergies"] = new string('a', 1001),
            ["F.Supporters[0].Name"] = new string('b', 101),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Allergies must be 1,000 characters or fewer (you have 1,001)", page.ErrorSummary());
        Assert.Contains(page.ErrorSummary(), e => e.StartsWith("Supporter 1, name must be 100 characters or fewer", StringComparison.Ordinal));
        Assert.Equal("Fine words", page.QuerySelector("#F_WhatHelps")!.TextContent);

        var saved = await app.WithDbAsync(db => db.PlanSections.CountAsync(s => s.Plan!.PersonId == person.PersonId));
        Assert.Equal(0, saved);
    }

    [Fact]
    public async Task ScriptTypedIntoField_IsShownAsText()
    {
        var client = await app.SignInAsNewPersonAsync();
        const string script = "<script>alert('hi')</script><b>bold</b>";
        var page = await client.SaveSectionAsync("staying-well", "when-well", new Dictionary<string, string> { ["F.Description"] = script });
        Assert.Equal(script, page.QuerySelector("#F_Description")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Empty(page.QuerySelectorAll("main b"));

        var print = await client.GetPageAsync("/plans/staying-well/print");
        Assert.Contains(script, print.MainText());
        Assert.Empty(print.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task TwoTabs_StaleSaveShowsBothTexts_AndMergeKeepsEveryWord()
    {
        var client = await app.SignInAsNewPersonAsync();
        const string url = "/plans/staying-well/crisis";
        var tabA = await client.OpenFormAsync(url, url);
        var tabB = await client.OpenFormAsync(url, url);

        var first = await tabA.PostAsync(client, new Dictionary<string, string> { ["F.WhatHelps"] = "A hot bath and my blue blanket." });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await tabB.PostAsync(client, new Dictionary<string, string> { ["F.WhatHelps"] = "Someone I trust sitting with me." });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = await Forms.ParseAsync(stale);
        Assert.Contains("This section was changed in another tab or device", conflict.MainText());
        Assert.Equal("A hot bath and my blue blanket.", conflict.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("Someone I trust sitting with me.", conflict.QuerySelector("[data-conflict=mine]")!.TextContent);
        Assert.Equal("Someone I trust sitting with me.", conflict.QuerySelector("#F_WhatHelps")!.TextContent);

        // Nothing of tab B was written yet.
        var saved = await client.GetPageAsync(url);
        Assert.Equal("A hot bath and my blue blanket.", saved.QuerySelector("#F_WhatHelps")!.TextContent);

        var merge = PlanTestSupport.FormOf(conflict, url, url);
        var merged = await merge.PostAsync(client, new Dictionary<string, string>
        {
            ["F.WhatHelps"] = "A hot bath and my blue blanket.\nSomeone I trust sitting with me.",
        });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var final = await client.GetPageAsync(url);
        Assert.Equal("A hot bath and my blue blanket.\nSomeone I trust sitting with me.", final.QuerySelector("#F_WhatHelps")!.TextContent);
    }

    [Fact]
    public async Task History_ListsVersions_ComparesInWords_AndRestoresAsNewVersion()
    {
        var client = await app.SignInAsNewPersonAsync();
        await client.SaveSectionAsync("staying-well", "daily", new Dictionary<string, string> { ["F.EveryDay"] = "Breakfast\nWalk" });
        await client.SaveSectionAsync("staying-well", "daily", new Dictionary<string, string> { ["F.EveryDay"] = "Breakfast\nStretch" });

        var history = await client.GetPageAsync("/plans/staying-well/history");
        var links = history.QuerySelectorAll("main table a").Select(a => (Text: a.TextContent, Href: a.GetAttribute("href")!)).ToList();
        Assert.Equal(2, links.Count);
        var version2 = links.Single(l => l.Text.StartsWith("Version 2", StringComparison.Ordinal)).Href;
        var version1 = links.Single(l => l.Text.StartsWith("Version 1", StringComparison.Ordinal)).Href;

        var compare = await client.GetPageAsync(version2);
        var changes = compare.QuerySelectorAll("#changes li").Select(li => li.TextContent).ToList();
        Assert.Contains("Things I do every day to keep well: added “Stretch”.", changes);
        Assert.Contains("Things I do every day to keep well: removed “Walk”.", changes);

        var confirm = await client.GetPageAsync(version1 + "?handler=restore");
        Assert.Contains("Bring back version 1?", confirm.MainText());
        var restore = PlanTestSupport.FormOf(confirm, version1, "handler=restore");
        var response = await restore.PostAsync(client, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var daily = await client.GetPageAsync("/plans/staying-well/daily");
        Assert.Equal("Breakfast\nWalk", daily.QuerySelector("#F_EveryDay")!.TextContent);
        history = await client.GetPageAsync("/plans/staying-well/history");
        Assert.Contains("Restored version 1", history.MainText());
        Assert.Equal(3, history.QuerySelectorAll("main table tbody tr").Length);
    }

    [Fact]
    public async Task PostCrisisReview_AddsANewVersionWithWhatWasLearned()
    {
        var client = await app.SignInAsNewPersonAsync();
        var response = await client.SubmitFormAsync("/plans/staying-well/post-crisis/review", new Dictionary<string, string>
        {
            ["Input.WhatHelped"] = "The crisis team visiting at home.",
            ["Input.WhatDidNotHelp"] = "Waiting hours in A&E.",
            ["Input.WhatToChange"] = "Add the crisis café to my plan.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var section = await client.GetPageAsync("/plans/staying-well/post-crisis");
        Assert.Contains("The crisis team visiting at home.", section.MainText());
        Assert.Contains("Add the crisis café to my plan.", section.MainText());
        var history = await client.GetPageAsync("/plans/staying-well/history");
        Assert.Contains("Post-crisis review", history.MainText());
    }

    [Fact]
    public async Task OrganisationLabel_IsUsedWhileItsTeamSupportsThePerson()
    {
        var person = await app.CreatePersonAsync();
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        await app.WithDbAsync(async db =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Id == orgId);
            org.StayingWellPlanLabel = "My recovery action plan";
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = teamId, StartedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(person);
        var page = await client.GetPageAsync("/plans");
        Assert.Contains("My recovery action plan", page.MainText());
        Assert.DoesNotContain("My staying-well plan", page.MainText());
    }

    [Fact]
    public async Task UnknownSectionOrPlan_AnswersNotFound()
    {
        var client = await app.SignInAsNewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/plans/staying-well/nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/plans/holiday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/plans/staying-well/history/{Guid.NewGuid()}")).StatusCode);
    }
}
