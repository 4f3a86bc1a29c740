using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Sharing;

public sealed class SharingBadInputTests
{
    [Fact]
    public async Task Invite_Self_ShowsClearMessageAndSavesNothing()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsync(person);
        var response = await client.SubmitFormAsync("/sharing/supporters/invite", new Dictionary<string, string>
        {
            ["Input.Relationship"] = "me",
            ["Input.Email"] = person.Email.ToUpperInvariant(),
        });
        var page = await Forms.ParseAsync(response);
        Assert.Equal("You cannot invite yourself. Enter the email address of the person you want to support you", page.FieldError("Input_Email"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task Invite_WithoutRelationship_AsksForIt()
    {
        using var app = new LivingBetterApp();
        var client = await app.SignInAsNewPersonAsync();
        var page = await Forms.ParseAsync(await client.SubmitFormAsync("/sharing/supporters/invite", new Dictionary<string, string> { ["Input.Relationship"] = "" }));
        Assert.Contains("Enter who this person is to you, like friend, sister or peer supporter", page.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task Share_EndDateInPastOrUnknownEmailOrJunk_ClearMessagesAndNothingSaved()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync();
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value);
        var client = await app.SignInAsync(person);

        var past = await Forms.ParseAsync(await client.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Grantee"] = $"user:{supporter.UserId}",
            ["Input.Part"] = "CrisisPlan",
            ["Input.Access"] = "View",
            ["Input.EndDate"] = "2020-01-01",
        }));
        Assert.Equal("End date must be today or in the future", past.FieldError("Input_EndDate"));

        var unknown = await Forms.ParseAsync(await client.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Email"] = "nobody@test.livingbetter.example",
            ["Input.Part"] = "CrisisPlan",
            ["Input.Access"] = "View",
        }));
        Assert.Equal("None of your supporters has that email address. Invite them as a supporter first, then share with them", unknown.FieldError("Input_Email"));

        var junk = await client.SubmitFormAsync("/sharing/new", new Dictionary<string, string>
        {
            ["Input.Grantee"] = $"user:{Guid.NewGuid()}",
            ["Input.Part"] = "7",
            ["Input.Access"] = "Own",
            ["Input.EndDate"] = "soon",
        });
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
        var junkPage = await Forms.ParseAsync(junk);
        Assert.Equal("Choose who you want to share with from the list", junkPage.FieldError("Input_Grantee"));
        Assert.Contains("Choose which part you want to share", junkPage.ErrorSummary());
        Assert.Contains("Choose whether they can only see it or also suggest changes", junkPage.ErrorSummary());
        Assert.Equal("End date must be a real date, like 1/3/2027", junkPage.FieldError("Input_EndDate"));

        Assert.Equal(0, await app.WithDbAsync(db => db.SharingGrants.CountAsync()));
    }

    [Fact]
    public async Task Invitation_ReusedExpiredOrGuessed_IsRefusedWithClearMessage()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Jude Lark");
        var token = await app.InvitationAsync(person.PersonId!.Value, person.UserId);
        var first = await app.SignInAsNewPersonAsync("First Friend");
        var accepted = await first.SubmitFormAsync($"/invitations/supporter/{token}", new Dictionary<string, string>(), "handler=accept");
        Assert.Equal("/supporting?accepted=true", accepted.Headers.Location?.OriginalString);

        var second = await app.SignInAsNewPersonAsync("Second Friend");
        var reused = await second.GetPageAsync($"/invitations/supporter/{token}");
        Assert.Contains("This invitation has already been used", reused.MainText());
        Assert.DoesNotContain("Jude", reused.MainText());

        var expiring = await app.InvitationAsync(person.PersonId!.Value, person.UserId);
        app.Time.Advance(TimeSpan.FromDays(8));
        var expired = await second.GetPageAsync($"/invitations/supporter/{expiring}");
        Assert.Contains("This invitation has expired", expired.MainText());

        var guessed = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        var response = await second.GetAsync($"/invitations/supporter/{guessed}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Jude", await response.Content.ReadAsStringAsync());

        Assert.Equal(1, await app.WithDbAsync(db => db.SupporterLinks.CountAsync(l => l.PersonId == person.PersonId)));
    }

    [Fact]
    public async Task Invitation_OpenedByItsOwnAuthor_CannotBeAccepted()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Ari Moss");
        var token = await app.InvitationAsync(person.PersonId!.Value, person.UserId);
        var client = await app.SignInAsync(person);
        var response = await client.SubmitFormAsync($"/invitations/supporter/{token}", new Dictionary<string, string>(), "handler=accept");
        Assert.Contains("This is your own invitation", (await Forms.ParseAsync(response)).MainText());
        Assert.Null(await app.WithDbAsync(db => db.Invitations.Select(i => i.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task GuessedIds_FromAnotherPerson_NeverWork()
    {
        using var app = new LivingBetterApp();
        var owner = await app.CreatePersonAsync("Quinn Harrow");
        var supporter = await app.CreateSupporterAsync(owner.PersonId!.Value, "Pat Harrow");
        var grantId = await app.GrantAsync(owner.PersonId!.Value, supporter.UserId, null, SharedPart.CrisisPlan);
        var linkId = await app.SupporterLinkIdAsync(owner.PersonId!.Value, supporter.UserId);
        var other = await app.CreatePersonAsync("Other Person");
        var otherClient = await app.SignInAsync(other);

        // Another person posts a withdrawal of someone else's grant with their own valid form token.
        var withdraw = await otherClient.PostWithTokenAsync("/sharing", "/sharing?handler=stop", new Dictionary<string, string> { ["grantId"] = grantId.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.SharingGrants.Where(g => g.Id == grantId).Select(g => g.WithdrawnAt).SingleAsync()));

        var remove = await otherClient.GetAsync($"/sharing/supporters/{linkId}/remove");
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        var removePost = await otherClient.PostWithTokenAsync("/sharing", $"/sharing/supporters/{linkId}/remove", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, removePost.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.SupporterLinks.Where(l => l.Id == linkId).Select(l => l.EndedAt).SingleAsync()));

        foreach (var url in new[] { $"/people/{owner.PersonId}", $"/api/people/{owner.PersonId}/shared-with-me", $"/people/{Guid.NewGuid()}" })
        {
            var response = await otherClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Quinn", await response.Content.ReadAsStringAsync());
        }

        // The supporter cannot reach a different person by swapping in their id.
        var pat = await app.SignInAsync(supporter);
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync($"/people/{owner.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pat.GetAsync($"/people/{other.PersonId}")).StatusCode);

        // Every refused attempt about the owner is in the owner's log.
        var denied = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == owner.PersonId && a.Outcome == AuditOutcome.Denied));
        Assert.Equal(5, denied);
    }
}
