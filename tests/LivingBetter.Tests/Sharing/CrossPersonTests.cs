using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Sharing;

/// <summary>
/// Ids, URLs and grants that belong to one person, used by someone else who has a perfectly good account
/// (another person, or that person's supporter trying a different person): every one answers 404, changes
/// nothing, shows nothing, and the attempt is in the owner's access log.
/// </summary>
public sealed class CrossPersonTests
{
    private sealed record Someone(Actor Person, Actor Supporter, Guid Grant, Guid SupporterLink, Guid Version, Guid ResourceLink, string Marker);

    private static async Task<Someone> SomeoneAsync(LivingBetterApp app, string name, string marker)
    {
        var person = await app.CreatePersonAsync(name);
        var id = person.PersonId!.Value;
        await app.AddPlanWithMarkerAsync(id, marker);
        var supporter = await app.CreateSupporterAsync(id);
        var grant = await app.GrantAsync(id, supporter.UserId, null, SharedPart.StayingWellPlan);
        var link = await app.SupporterLinkIdAsync(id, supporter.UserId);
        var (version, resourceLink) = await app.WithDbAsync(async db =>
        {
            var resource = new CommunityResource { Id = Guid.NewGuid(), Name = "Allotment club " + name, Category = ResourceCategory.Club, CreatedAt = app.Time.GetUtcNow() };
            var l = new ResourceLink { Id = Guid.NewGuid(), PersonId = id, ResourceId = resource.Id, Status = ResourceLinkStatus.Linked, CreatedAt = app.Time.GetUtcNow() };
            db.AddRange(resource, l);
            await db.SaveChangesAsync();
            return (await db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == id).Select(v => v.Id).SingleAsync(), l.Id);
        });
        return new Someone(person, supporter, grant, link, version, resourceLink, marker);
    }

    [Fact]
    public async Task AnotherPersonsIdsAndUrls_UsedBySomeoneElse_Answer404ChangeNothingAndAreLogged()
    {
        using var app = new LivingBetterApp();
        var ada = await SomeoneAsync(app, "Ada Penhallow", "MARKER-ada-6d1");
        var ben = await SomeoneAsync(app, "Ben Trevenna", "MARKER-ben-0f7");
        var a = ada.Person.PersonId!.Value;
        var benClient = await app.SignInAsync(ben.Person);
        // Ada's supporter, with a current grant for Ada, swaps in Ben's id.
        var adasSupporter = await app.SignInAsync(ada.Supporter);

        var attempts = new (HttpClient Client, string Url)[]
        {
            (benClient, $"/people/{a}/plans"),
            (benClient, $"/people/{a}/plans/staying-well/crisis"),
            (benClient, $"/api/people/{a}/plans/staying-well"),
            (benClient, $"/api/people/{a}/shared-with-me"),
            (benClient, $"/people/{a}/check-ins"),
            (benClient, $"/plans/staying-well/history/{ada.Version}"),
            (benClient, $"/sharing/supporters/{ada.SupporterLink}/remove"),
            (benClient, $"/resources/mine/{ada.ResourceLink}/remove"),
            (adasSupporter, $"/people/{ben.Person.PersonId}/plans"),
            (adasSupporter, $"/people/{ben.Person.PersonId}/plans/staying-well/crisis"),
            (adasSupporter, $"/api/people/{ben.Person.PersonId}/plans/staying-well"),
        };
        foreach (var (client, url) in attempts)
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(ada.Marker, body);
            Assert.DoesNotContain(ben.Marker, body);
            Assert.DoesNotContain("Penhallow", body);
        }

        // Changes aimed at Ada's things, with Ben's own valid antiforgery token.
        var posts = new (string Url, Dictionary<string, string> Form)[]
        {
            ("/sharing?handler=Stop", new() { ["grantId"] = ada.Grant.ToString() }),
            ($"/sharing/supporters/{ada.SupporterLink}/remove", new()),
            ($"/resources/mine/{ada.ResourceLink}/remove", new()),
            ($"/plans/staying-well/history/{ada.Version}?handler=Restore", new() { ["baseVersion"] = "1" }),
        };
        foreach (var (url, form) in posts)
        {
            var response = await benClient.PostWithTokenAsync("/sharing", url, form);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(ada.Marker, await response.Content.ReadAsStringAsync());
        }
        await app.WithDbAsync(async db =>
        {
            Assert.Null(await db.SharingGrants.Where(g => g.Id == ada.Grant).Select(g => g.WithdrawnAt).SingleAsync());
            Assert.True(await db.SupporterLinks.AnyAsync(l => l.Id == ada.SupporterLink && l.EndedAt == null));
            Assert.True(await db.Set<ResourceLink>().AnyAsync(l => l.Id == ada.ResourceLink));
            Assert.Equal(1, await db.PlanSectionVersions.CountAsync(v => v.Section!.Plan!.PersonId == a));
            // Someone tried to read Ada's plans: she can see it.
            Assert.True(await db.AuditEntries.AnyAsync(e => e.PersonId == a && e.ActorUserId == ben.Person.UserId && e.Outcome == AuditOutcome.Denied));
        });

        // Ada's own things still work for Ada and her supporter: the refusals were about who asked, not what.
        var adaClient = await app.SignInAsync(ada.Person);
        Assert.Equal(HttpStatusCode.OK, (await adaClient.GetAsync($"/plans/staying-well/history/{ada.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adasSupporter.GetAsync($"/people/{a}/plans/staying-well/crisis")).StatusCode);
    }
}
