using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Resources;

/// <summary>Administrators adding, changing, retiring and listing again their organisation's directory entries.</summary>
public sealed class ResourcesAdminTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private sealed record Org(Guid Id, Guid TeamId, Guid LocalityId, Actor Admin);

    private async Task<Org> OrganisationAsync()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var localityId = await app.WithDbAsync(db => db.Localities.Where(l => l.OrganisationId == orgId).Select(l => l.Id).SingleAsync());
        var admin = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin);
        return new Org(orgId, teamId, localityId, admin);
    }

    private static Dictionary<string, string> Entry(string name, Guid? locality, string category = "CommunityGroup") => new()
    {
        ["Input.Name"] = name,
        ["Input.Category"] = category,
        ["Input.Locality"] = locality?.ToString() ?? "",
        ["Input.Description"] = "A friendly group that meets on Friday mornings.",
        ["Input.WhoItSuits"] = "Anyone who likes company",
        ["Input.HowToGetThere"] = "Bus 7 to the square",
        ["Input.Contact"] = "01632 960999",
        ["Input.Website"] = "https://example.org/friday",
    };

    private Task<CommunityResource> ResourceNamedAsync(string name) =>
        app.WithDbAsync(db => db.Set<CommunityResource>().AsNoTracking().SingleAsync(r => r.Name == name));

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AddResource_ValidEntry_ListedInTheDirectoryAndAudited()
    {
        var org = await OrganisationAsync();
        var admin = await app.SignInAsync(org.Admin);
        var name = $"Friday Coffee Morning {Tag()}";

        var response = await admin.SubmitFormAsync("/resources/manage/new", Entry(name, org.LocalityId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("now listed in the directory", (await admin.GetPageAsync(response.Headers.Location!.OriginalString)).MainText());
        var saved = await ResourceNamedAsync(name);
        Assert.Equal(org.Id, saved.OrganisationId);
        Assert.Equal(org.LocalityId, saved.LocalityId);
        var person = await app.SignInAsNewPersonAsync();
        Assert.Contains(name, (await person.GetPageAsync($"/resources?q={name[^8..]}")).MainText());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorUserId == org.Admin.UserId && a.Action == "community-resource-added")));
    }

    [Fact]
    public async Task AddResource_EmptyNameOverlongTextUnknownAreaAndKind_FieldNamedMessagesNothingSaved()
    {
        var org = await OrganisationAsync();
        var other = await OrganisationAsync();
        var admin = await app.SignInAsync(org.Admin);
        var before = await app.WithDbAsync(db => db.Set<CommunityResource>().CountAsync());

        var empty = Entry("", org.LocalityId);
        empty["Input.Description"] = new string('x', CommunityResource.TextMaxLength + 1);
        empty["Input.Contact"] = new string('x', CommunityResource.ContactMaxLength + 1);
        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/resources/manage/new", empty));
        Assert.Equal("Enter the name of the group or service", page.FieldError("Input_Name"));
        Assert.Equal("What it is must be 2000 characters or fewer", page.FieldError("Input_Description"));
        Assert.Equal("Contact must be 300 characters or fewer", page.FieldError("Input_Contact"));

        // Another organisation's area, a kind that does not exist, a number for a kind, and a script for a website.
        var unknown = Entry(new string('n', CommunityResource.NameMaxLength + 1), other.LocalityId, "Spaceships");
        unknown["Input.Website"] = "javascript:alert(1)";
        page = await Forms.ParseAsync(await admin.SubmitFormAsync("/resources/manage/new", unknown));
        Assert.Equal("Name must be 150 characters or fewer", page.FieldError("Input_Name"));
        Assert.Equal("Choose the kind of resource from the list", page.FieldError("Input_Category"));
        Assert.Equal("Choose an area from the list, or anywhere", page.FieldError("Input_Locality"));
        Assert.StartsWith("Enter the website as a full address", page.FieldError("Input_Website"));

        page = await Forms.ParseAsync(await admin.SubmitFormAsync("/resources/manage/new", Entry("Numbered kind", null, "3")));
        Assert.Equal("Choose the kind of resource from the list", page.FieldError("Input_Category"));
        page = await Forms.ParseAsync(await admin.SubmitFormAsync("/resources/manage/new", new Dictionary<string, string> { ["Input.Locality"] = "not-a-guid" }));
        Assert.Equal("Choose the kind of resource", page.FieldError("Input_Category"));
        Assert.Equal("Choose an area from the list, or anywhere", page.FieldError("Input_Locality"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<CommunityResource>().CountAsync()));
    }

    [Fact]
    public async Task EditResource_TwoAdministratorsEditTheSameEntry_SecondSeesConflictAndTheirVersionNothingLost()
    {
        var org = await OrganisationAsync();
        var secondAdmin = await app.CreateStaffAsync(org.Id, null, Roles.OrgAdmin);
        var first = await app.SignInAsync(org.Admin);
        var second = await app.SignInAsync(secondAdmin);
        var name = $"Chess Club {Tag()}";
        await first.SubmitFormAsync("/resources/manage/new", Entry(name, org.LocalityId, "Club"));
        var id = (await ResourceNamedAsync(name)).Id;
        var url = $"/resources/manage/{id}/edit";
        // The second administrator opens the form before the first saves.
        var stale = await second.GetPageAsync(url);
        var staleVersion = stale.QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var firstSave = Entry(name + " (Tuesdays)", org.LocalityId, "Club");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(url, firstSave)).StatusCode);
        var secondSave = Entry(name + " (Thursdays)", org.LocalityId, "Club");
        secondSave["Version"] = staleVersion;
        var response = await second.PostWithTokenAsync(url, url, secondSave);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains(page.ErrorSummary(), e => e.StartsWith("Someone else saved changes to this resource", StringComparison.Ordinal));
        Assert.Contains(name + " (Tuesdays)", page.QuerySelector("#their-version")!.TextContent);
        Assert.Equal(name + " (Thursdays)", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(name + " (Tuesdays)", (await app.WithDbAsync(db => db.Set<CommunityResource>().AsNoTracking().SingleAsync(r => r.Id == id))).Name);

        // Saving again from the conflict page is a deliberate choice, made after seeing their version.
        var again = Entry(name + " (Thursdays)", org.LocalityId, "Club");
        again["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostWithTokenAsync(url, url, again)).StatusCode);
        Assert.Equal(name + " (Thursdays)", (await app.WithDbAsync(db => db.Set<CommunityResource>().AsNoTracking().SingleAsync(r => r.Id == id))).Name);
    }

    [Fact]
    public async Task EditResource_BadInput_FieldNamedMessagesAndEntryUnchanged()
    {
        var org = await OrganisationAsync();
        var admin = await app.SignInAsync(org.Admin);
        var name = $"Book Group {Tag()}";
        await admin.SubmitFormAsync("/resources/manage/new", Entry(name, org.LocalityId));
        var id = (await ResourceNamedAsync(name)).Id;

        var bad = Entry("", org.LocalityId, "Nonsense");
        var response = await admin.SubmitFormAsync($"/resources/manage/{id}/edit", bad);

        var page = await Forms.ParseAsync(response);
        Assert.Equal("Enter the name of the group or service", page.FieldError("Input_Name"));
        Assert.Equal("Choose the kind of resource from the list", page.FieldError("Input_Category"));
        var unchanged = await ResourceNamedAsync(name);
        Assert.Equal(0, unchanged.Version);
    }

    [Fact]
    public async Task RetireResource_LinkedByAPerson_GoneFromDirectoryStillInTheirPlanMarkedAndRemovable()
    {
        var org = await OrganisationAsync();
        var admin = await app.SignInAsync(org.Admin);
        var name = $"Pottery Drop-in {Tag()}";
        await admin.SubmitFormAsync("/resources/manage/new", Entry(name, org.LocalityId, "Club"));
        var id = (await ResourceNamedAsync(name)).Id;
        var actor = await app.CreatePersonAsync();
        var person = await app.SignInAsync(actor);
        await person.SubmitFormAsync($"/resources/{id}", new Dictionary<string, string> { ["Link.Note"] = "Thursdays" }, "handler=Link");

        var confirm = await admin.GetPageAsync($"/resources/manage/{id}/retire");
        Assert.Contains("1 person has it in their wellbeing plan", confirm.MainText());
        var response = await admin.SubmitFormAsync($"/resources/manage/{id}/retire", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.DoesNotContain(name, (await person.GetPageAsync($"/resources?q={name[^8..]}")).MainText());
        var other = await app.SignInAsNewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/resources/{id}")).StatusCode);
        var mine = await person.GetPageAsync("/resources/mine");
        Assert.Contains(name, mine.MainText());
        Assert.Contains("No longer listed", mine.MainText());
        var details = await person.GetPageAsync($"/resources/{id}");
        Assert.Contains("No longer listed", details.MainText());
        Assert.Empty(details.QuerySelectorAll("form[action*='handler=Note']"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorUserId == org.Admin.UserId && a.Action == "community-resource-retired")));

        var linkId = await app.WithDbAsync(db => db.Set<ResourceLink>().Where(l => l.PersonId == actor.PersonId && l.ResourceId == id).Select(l => l.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync($"/resources/mine/{linkId}/remove", new Dictionary<string, string>())).StatusCode);
        Assert.DoesNotContain(name, (await person.GetPageAsync("/resources/mine")).MainText());
    }

    [Fact]
    public async Task RetireResource_Twice_SaysAlreadyRetiredThenListingAgainBringsItBack()
    {
        var org = await OrganisationAsync();
        var admin = await app.SignInAsync(org.Admin);
        var name = $"Gardening Club {Tag()}";
        await admin.SubmitFormAsync("/resources/manage/new", Entry(name, org.LocalityId, "Club"));
        var id = (await ResourceNamedAsync(name)).Id;
        var url = $"/resources/manage/{id}/retire";
        // Two tabs open on the confirmation page; both say yes.
        var token = (await admin.GetPageAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new Dictionary<string, string> { ["Version"] = "0", ["__RequestVerificationToken"] = token };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(url, new FormUrlEncodedContent(form))).StatusCode);

        var twice = await admin.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("This resource is already retired. Nothing has changed.", (await Forms.ParseAsync(twice)).ErrorSummary());
        Assert.Equal(1, (await ResourceNamedAsync(name)).Version);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, new Dictionary<string, string>(), "handler=Restore")).StatusCode);
        Assert.Null((await ResourceNamedAsync(name)).RetiredAt);
        Assert.Contains(name, (await admin.GetPageAsync($"/resources?q={name[^8..]}")).MainText());
        var again = await admin.PostWithTokenAsync(url, url + "?handler=Restore", new Dictionary<string, string> { ["Version"] = "2" });
        Assert.Contains("This resource is already listed in the directory. Nothing has changed.", (await Forms.ParseAsync(again)).ErrorSummary());
    }

    [Fact]
    public async Task ManageResources_AnotherOrganisationsEntryOrASharedOne_NotFoundAndUnchanged()
    {
        var org = await OrganisationAsync();
        var other = await OrganisationAsync();
        var theirs = Guid.NewGuid();
        var shared = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Add(new CommunityResource { Id = theirs, OrganisationId = other.Id, Name = "Their Group", Category = ResourceCategory.Club, CreatedAt = app.Time.GetUtcNow() });
            db.Add(new CommunityResource { Id = shared, Name = "Shared Line", Category = ResourceCategory.VoluntarySector, CreatedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync(org.Admin);

        foreach (var id in new[] { theirs, shared })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/resources/manage/{id}/edit")).StatusCode);
            var post = await admin.PostWithTokenAsync("/resources/manage/new", $"/resources/manage/{id}/retire", new Dictionary<string, string> { ["Version"] = "0" });
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Null((await app.WithDbAsync(db => db.Set<CommunityResource>().AsNoTracking().SingleAsync(r => r.Id == theirs))).RetiredAt);
    }

    [Fact]
    public async Task SuggestToPerson_RetiredResource_NotFoundAndNothingSuggested()
    {
        var org = await OrganisationAsync();
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Add(new CommunityResource { Id = id, OrganisationId = org.Id, Name = "Closed Café", Category = ResourceCategory.PeerSupport, CreatedAt = app.Time.GetUtcNow(), RetiredAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var actor = await app.CreatePersonAsync();
        var person = await app.SignInAsync(actor);

        var response = await person.PostWithTokenAsync("/resources", $"/resources/{id}?handler=Link", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<ResourceLink>().AnyAsync(l => l.ResourceId == id)));
    }
}
