using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Resources;

/// <summary>Staff propose new directory entries; their organisation's administrators approve (possibly after editing) or decline them with a reason.</summary>
public sealed class ResourceProposalTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private sealed record Org(Guid Id, Guid LocalityId, Actor Admin, Actor Staff);

    private async Task<Org> OrganisationAsync()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var localityId = await app.WithDbAsync(db => db.Localities.Where(l => l.OrganisationId == orgId).Select(l => l.Id).SingleAsync());
        return new Org(orgId, localityId, await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin), await app.CreateStaffAsync(orgId, teamId));
    }

    private static Dictionary<string, string> Entry(string name, Guid? locality) => new()
    {
        ["Input.Name"] = name,
        ["Input.Category"] = "Club",
        ["Input.Locality"] = locality?.ToString() ?? "",
        ["Input.Description"] = "Board games every Saturday afternoon.",
        ["Input.WhoItSuits"] = "People who like a quiet game",
    };

    private async Task<Guid> ProposeAsync(Org org, string name)
    {
        var staff = await app.SignInAsync(org.Staff);
        var response = await staff.SubmitFormAsync("/resources/suggest-new", Entry(name, org.LocalityId));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Set<ResourceProposal>().Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Queue_NothingProposed_SaysSoToAdministratorAndStaff()
    {
        var org = await OrganisationAsync();

        var queue = await (await app.SignInAsync(org.Admin)).GetPageAsync("/resources/manage/suggestions");
        var mine = await (await app.SignInAsync(org.Staff)).GetPageAsync("/resources/suggest-new");

        Assert.Contains("There are no suggestions waiting", queue.MainText());
        Assert.Contains("Nothing has been decided yet", queue.MainText());
        Assert.Contains("You have not suggested any resources yet", mine.MainText());
    }

    [Fact]
    public async Task Proposal_ApprovedAfterEditing_ListedWithTheEditsAndProposerSeesItListed()
    {
        var org = await OrganisationAsync();
        var name = $"Saturday Games Club {Tag()}";
        var id = await ProposeAsync(org, name);
        var admin = await app.SignInAsync(org.Admin);
        Assert.Contains(name, (await admin.GetPageAsync("/resources/manage/suggestions")).MainText());
        Assert.Equal(name, (await admin.GetPageAsync($"/resources/manage/suggestions/{id}")).QuerySelector("#Input_Name")!.GetAttribute("value"));

        var edited = Entry(name + " at the Library", org.LocalityId);
        var response = await admin.SubmitFormAsync($"/resources/manage/suggestions/{id}", edited, "handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resource = await app.WithDbAsync(db => db.Set<CommunityResource>().AsNoTracking().SingleAsync(r => r.Name == name + " at the Library"));
        Assert.Equal(org.Id, resource.OrganisationId);
        Assert.Null(resource.RetiredAt);
        var person = await app.SignInAsNewPersonAsync();
        Assert.Contains(name + " at the Library", (await person.GetPageAsync($"/resources?q={name[^8..]}")).MainText());
        var mine = await (await app.SignInAsync(org.Staff)).GetPageAsync("/resources/suggest-new");
        Assert.Contains("Listed", mine.MainText());
        Assert.NotNull(mine.QuerySelector($"a[href='/resources/{resource.Id}']"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorUserId == org.Admin.UserId && a.Action == "community-resource-proposal-approved")));
    }

    [Fact]
    public async Task Proposal_ApprovedTwiceOrDeclinedAfterApproval_SaysAlreadyApprovedAndListsOnlyOnce()
    {
        var org = await OrganisationAsync();
        var name = $"Walking Football {Tag()}";
        var id = await ProposeAsync(org, name);
        var admin = await app.SignInAsync(org.Admin);
        var url = $"/resources/manage/suggestions/{id}";
        // Two tabs on the same suggestion.
        var token = (await admin.GetPageAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new Dictionary<string, string>(Entry(name, org.LocalityId)) { ["__RequestVerificationToken"] = token };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(url + "?handler=Approve", new FormUrlEncodedContent(form))).StatusCode);

        var twice = await admin.PostAsync(url + "?handler=Approve", new FormUrlEncodedContent(form));
        var decline = await admin.PostAsync(url + "?handler=Decline",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Decline.Reason"] = "Changed my mind", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("This suggestion has already been approved, so nothing has changed.", (await Forms.ParseAsync(twice)).ErrorSummary());
        Assert.Contains("This suggestion has already been approved, so nothing has changed.", (await Forms.ParseAsync(decline)).ErrorSummary());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CommunityResource>().CountAsync(r => r.Name == name)));
        var proposal = await app.WithDbAsync(db => db.Set<ResourceProposal>().AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(ResourceProposalStatus.Approved, proposal.Status);
        Assert.Equal("", proposal.DeclineReason);
    }

    [Fact]
    public async Task Proposal_Declined_ReasonRequiredThenShownToProposerAndNothingListed()
    {
        var org = await OrganisationAsync();
        var name = $"Model Railway Society {Tag()}";
        var id = await ProposeAsync(org, name);
        var admin = await app.SignInAsync(org.Admin);
        var url = $"/resources/manage/suggestions/{id}";

        var empty = await Forms.ParseAsync(await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decline.Reason"] = " " }, "handler=Decline"));
        Assert.StartsWith("Enter why you are not listing it", empty.FieldError("Decline_Reason"));
        var tooLong = await Forms.ParseAsync(await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decline.Reason"] = new string('r', 501) }, "handler=Decline"));
        Assert.Equal("Why you are not listing it must be 500 characters or fewer", tooLong.FieldError("Decline_Reason"));
        Assert.Equal(ResourceProposalStatus.Pending, await app.WithDbAsync(db => db.Set<ResourceProposal>().Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var response = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decline.Reason"] = "It closed last spring." }, "handler=Decline");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = (await (await app.SignInAsync(org.Staff)).GetPageAsync("/resources/suggest-new")).MainText();
        Assert.Contains("Not listed", mine);
        Assert.Contains("It closed last spring.", mine);
        Assert.False(await app.WithDbAsync(db => db.Set<CommunityResource>().AnyAsync(r => r.Name == name)));
        var queue = (await admin.GetPageAsync("/resources/manage/suggestions")).MainText();
        Assert.Contains("There are no suggestions waiting", queue);
        Assert.Contains("Declined", queue);
    }

    [Fact]
    public async Task Proposal_EmptyNameOverlongOrAnotherOrganisationsArea_FieldNamedMessagesNothingQueued()
    {
        var org = await OrganisationAsync();
        var other = await OrganisationAsync();
        var staff = await app.SignInAsync(org.Staff);
        var before = await app.WithDbAsync(db => db.Set<ResourceProposal>().CountAsync());

        var bad = Entry("", other.LocalityId);
        bad["Input.WhoItSuits"] = new string('w', 2001);
        var page = await Forms.ParseAsync(await staff.SubmitFormAsync("/resources/suggest-new", bad));

        Assert.Equal("Enter the name of the group or service", page.FieldError("Input_Name"));
        Assert.Equal("Who it suits must be 2000 characters or fewer", page.FieldError("Input_WhoItSuits"));
        Assert.Equal("Choose an area from the list, or anywhere", page.FieldError("Input_Locality"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ResourceProposal>().CountAsync()));
    }

    [Fact]
    public async Task Proposal_AnotherOrganisationsAdministrator_NotFoundAndStillPending()
    {
        var org = await OrganisationAsync();
        var other = await OrganisationAsync();
        var id = await ProposeAsync(org, $"Knit and Natter {Tag()}");
        var outsider = await app.SignInAsync(other.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/resources/manage/suggestions/{id}")).StatusCode);
        var post = await outsider.PostWithTokenAsync("/resources/manage/suggestions", $"/resources/manage/suggestions/{id}?handler=Decline",
            new Dictionary<string, string> { ["Decline.Reason"] = "No" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Knit and Natter", (await outsider.GetPageAsync("/resources/manage/suggestions")).MainText());
        Assert.Equal(ResourceProposalStatus.Pending, await app.WithDbAsync(db => db.Set<ResourceProposal>().Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }
}
