using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Resources;

public sealed class ResourcesTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private async Task<(Guid OrganisationId, Guid TeamId, Guid LocalityId)> OrganisationAsync()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var localityId = await app.WithDbAsync(db => db.Localities.Where(l => l.OrganisationId == orgId).Select(l => l.Id).SingleAsync());
        return (orgId, teamId, localityId);
    }

    private async Task<Guid> ResourceAsync(Guid? orgId, Guid? localityId, string name, ResourceCategory category = ResourceCategory.CommunityGroup,
        string description = "A friendly group that meets every week.")
    {
        var r = new CommunityResource
        {
            Id = Guid.NewGuid(),
            OrganisationId = orgId,
            LocalityId = localityId,
            Category = category,
            Name = name,
            Description = description,
            WhoItSuits = "Anyone who would like company",
            HowToGetThere = "Bus 12 to the market square",
            Contact = "01234 567890",
            Website = "https://example.org/group",
            CreatedAt = app.Time.GetUtcNow(),
        };
        await app.WithDbAsync(async db => { db.Add(r); await db.SaveChangesAsync(); });
        return r.Id;
    }

    [Fact]
    public async Task Search_ByWordsAreaAndKind_FindsOnlyWhatMatches()
    {
        var (orgId, _, localityId) = await OrganisationAsync();
        var (_, _, otherLocality) = await OrganisationAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ResourceAsync(orgId, localityId, $"Riverside Walking Group {tag}", ResourceCategory.Club, "Gentle WALKS by the river.");
        await ResourceAsync(orgId, otherLocality, $"Hilltop Walking Club {tag}", ResourceCategory.Club, "Longer walks.");
        await ResourceAsync(orgId, localityId, $"Money Matters {tag}", ResourceCategory.MoneyAdvice, "Free help with debt and walks through your budget.");
        var person = await app.SignInAsNewPersonAsync();

        var page = await person.GetPageAsync($"/resources?q={tag}+&locality={localityId}&category=Club");
        var text = page.MainText();
        Assert.Contains($"Riverside Walking Group {tag}", text);
        Assert.DoesNotContain("Hilltop", text);
        Assert.DoesNotContain("Money Matters", text);

        var byWord = (await person.GetPageAsync($"/resources?q=walks+by+the+river")).MainText();
        Assert.Contains($"Riverside Walking Group {tag}", byWord);

        var junk = await person.GetAsync("/resources?q=%27%20OR%201%3D1&locality=nonsense&category=99");
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
        Assert.Contains("Nothing matches your search", (await Forms.ParseAsync(junk)).MainText());
    }

    [Fact]
    public async Task Link_PersonAddsGroupToPlan_ShownInMyLinkedResourcesAndRemovedAfterConfirming()
    {
        var (orgId, _, localityId) = await OrganisationAsync();
        var id = await ResourceAsync(orgId, localityId, "Tuesday Choir");
        var actor = await app.CreatePersonAsync();
        var person = await app.SignInAsync(actor);

        var response = await person.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["Link.Note"] = "Go with my sister" }, "handler=Link");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = await person.GetPageAsync("/resources/mine");
        Assert.Contains("Tuesday Choir", mine.MainText());
        Assert.Contains("Go with my sister", mine.MainText());
        var linkId = await app.WithDbAsync(db => db.Set<ResourceLink>().Where(l => l.PersonId == actor.PersonId).Select(l => l.Id).SingleAsync());
        Assert.Contains("Remove Tuesday Choir", (await person.GetPageAsync($"/resources/mine/{linkId}/remove")).MainText());
        await person.SubmitFormAsync($"/resources/mine/{linkId}/remove", new Dictionary<string, string>());
        Assert.Contains("You have not linked any resources yet", (await person.GetPageAsync("/resources/mine")).MainText());
    }

    [Fact]
    public async Task Link_NoteTooLong_SaysSoAndLinksNothing()
    {
        var id = await ResourceAsync(null, null, "Shared Peer Support Line");
        var actor = await app.CreatePersonAsync();
        var person = await app.SignInAsync(actor);

        var response = await person.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["Link.Note"] = new string('a', 501) }, "handler=Link");

        Assert.Equal("Your note must be 500 characters or fewer", (await Forms.ParseAsync(response)).FieldError("Link_Note"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResourceLink>().CountAsync(l => l.PersonId == actor.PersonId)));
    }

    [Fact]
    public async Task Note_WhatItsReallyLike_ShownToOthersWithoutNameUntilAdministratorHidesIt()
    {
        var (orgId, _, localityId) = await OrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin));
        var id = await ResourceAsync(orgId, localityId, "Allotment Society");
        var writerActor = await app.CreatePersonAsync("Nobody Should See This Name");
        var writer = await app.SignInAsync(writerActor);
        var reader = await app.SignInAsNewPersonAsync();

        await writer.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["NewNote.Text"] = "Kind people, muddy boots, tea at 11." }, "handler=Note");

        var seen = (await reader.GetPageAsync($"/resources/{id}")).MainText();
        Assert.Contains("Kind people, muddy boots", seen);
        Assert.Contains("Someone who went", seen);
        Assert.DoesNotContain("Nobody Should See This Name", seen);

        var response = await admin.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>(), "handler=Hide");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Kind people, muddy boots", (await reader.GetPageAsync($"/resources/{id}")).MainText());
    }

    [Fact]
    public async Task Note_HiddenThenShownAgainByAdministrator_OthersSeeItAgainAndBothAreLogged()
    {
        var (orgId, _, localityId) = await OrganisationAsync();
        var adminActor = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin);
        var admin = await app.SignInAsync(adminActor);
        var id = await ResourceAsync(orgId, localityId, "Walking Group by the Canal");
        var writer = await app.SignInAsNewPersonAsync();
        var reader = await app.SignInAsNewPersonAsync();
        await writer.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["NewNote.Text"] = "Flat paths, a bench every mile." }, "handler=Note");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>(), "handler=Hide")).StatusCode);
        var hidden = await admin.GetPageAsync($"/resources/{id}");
        Assert.Contains("(hidden from others)", hidden.MainText());
        Assert.DoesNotContain("Flat paths", (await reader.GetPageAsync($"/resources/{id}")).MainText());

        var shown = await admin.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>(), "handler=Show");

        Assert.Equal($"/resources/{id}?done=shown", shown.Headers.Location?.OriginalString);
        var after = await admin.GetPageAsync(shown.Headers.Location!.OriginalString);
        Assert.Contains("The note is shown again.", after.MainText());
        Assert.DoesNotContain("(hidden from others)", after.MainText());
        Assert.Contains("Hide this note", after.MainText());
        Assert.Contains("Flat paths, a bench every mile.", (await reader.GetPageAsync($"/resources/{id}")).MainText());
        var note = await app.WithDbAsync(db => db.Set<ResourceNote>().AsNoTracking().SingleAsync(n => n.ResourceId == id));
        Assert.False(note.Hidden);
        Assert.Null(note.HiddenByUserId);
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorUserId == adminActor.UserId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["community-resource-note-hidden", "community-resource-note-shown"], logged.Where(a => a.StartsWith("community-resource-note-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Note_ShowAgainBySomeoneWhoCannotHide_NotFoundAndStaysHidden()
    {
        var (orgId, _, localityId) = await OrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin));
        var id = await ResourceAsync(orgId, localityId, "Repair Café");
        var writer = await app.SignInAsNewPersonAsync();
        await writer.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["NewNote.Text"] = "Bring your broken toaster." }, "handler=Note");
        await admin.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>(), "handler=Hide");
        var noteId = await app.WithDbAsync(db => db.Set<ResourceNote>().Where(n => n.ResourceId == id).Select(n => n.Id).SingleAsync());

        // The writer still sees their own hidden note, but has no button to show it, and posting anyway is refused.
        var page = await writer.GetPageAsync($"/resources/{id}");
        Assert.Contains("Bring your broken toaster.", page.MainText());
        Assert.DoesNotContain("Show this note again", page.MainText());
        var refused = await writer.PostWithTokenAsync($"/resources/{id}", $"/resources/{id}?handler=Show&noteId={noteId}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<ResourceNote>().Where(n => n.Id == noteId).Select(n => n.Hidden).SingleAsync()));
    }

    [Fact]
    public async Task Note_Empty_AsksForTheNote()
    {
        var id = await ResourceAsync(null, null, "Community Café");
        var person = await app.SignInAsNewPersonAsync();

        var response = await person.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["NewNote.Text"] = " " }, "handler=Note");

        Assert.Equal("Enter your note about what it's really like", (await Forms.ParseAsync(response)).FieldError("NewNote_Text"));
    }

    [Fact]
    public async Task Suggest_StaffWithSuggestAccess_PersonAcceptsAndItIsInTheirPlan()
    {
        var (orgId, teamId, localityId) = await OrganisationAsync();
        var staffActor = await app.CreateStaffAsync(orgId, teamId);
        var personActor = await app.CreatePersonAsync("Robin");
        await app.WithDbAsync(async db =>
        {
            db.SharingGrants.Add(new SharingGrant
            {
                Id = Guid.NewGuid(),
                PersonId = personActor.PersonId!.Value,
                GranteeUserId = staffActor.UserId,
                Part = SharedPart.WellbeingPlan,
                Access = ShareAccess.Suggest,
                CreatedAt = app.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        var id = await ResourceAsync(orgId, localityId, "Job Club at the Library", ResourceCategory.Employment);
        var staff = await app.SignInAsync(staffActor);

        var response = await staff.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>
        {
            ["Suggest.PersonId"] = personActor.PersonId!.Value.ToString(),
            ["Suggest.Note"] = "You mentioned wanting to get back to work",
        }, "handler=Suggest");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var person = await app.SignInAsync(personActor);
        var mine = await person.GetPageAsync("/resources/mine");
        Assert.Contains("Suggested for you", mine.MainText());
        Assert.Contains("You mentioned wanting to get back to work", mine.MainText());
        await person.SubmitFormAsync("/resources/mine", new Dictionary<string, string>(), "handler=Accept");

        var after = await person.GetPageAsync("/resources/mine");
        Assert.DoesNotContain("Suggested for you", after.MainText());
        Assert.Contains("Job Club at the Library", after.QuerySelectorAll("main ul")[^1].TextContent);
    }

    [Fact]
    public async Task Suggest_StaffWithoutAccess_NotFoundAndNothingSaved()
    {
        var (orgId, teamId, _) = await OrganisationAsync();
        var staffActor = await app.CreateStaffAsync(orgId, teamId);
        var personActor = await app.CreatePersonAsync();
        var id = await ResourceAsync(null, null, "Shared Housing Advice Line", ResourceCategory.Housing);
        var staff = await app.SignInAsync(staffActor);
        var page = await staff.GetPageAsync($"/resources/{id}");
        Assert.Null(page.QuerySelector("form[action*=Suggest]"));
        var noteForm = await staff.GetPageAsync($"/resources/{id}");
        var token = noteForm.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await staff.PostAsync($"/resources/{id}?handler=Suggest", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Suggest.PersonId"] = personActor.PersonId!.Value.ToString(),
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResourceLink>().CountAsync(l => l.PersonId == personActor.PersonId)));
    }

    [Fact]
    public async Task Remove_SomeoneElsesLink_NotFound()
    {
        var id = await ResourceAsync(null, null, "Shared Gardening Group");
        var owner = await app.CreatePersonAsync();
        var ownerClient = await app.SignInAsync(owner);
        await ownerClient.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string>(), "handler=Link");
        var linkId = await app.WithDbAsync(db => db.Set<ResourceLink>().Where(l => l.PersonId == owner.PersonId).Select(l => l.Id).SingleAsync());
        var other = await app.SignInAsNewPersonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/resources/mine/{linkId}/remove")).StatusCode);
    }
}
