using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Plans;

public sealed class OfflineCrisisPlanTests(PlansApp app) : IClassFixture<PlansApp>
{
    [Fact]
    public async Task OptIn_ServesThePlanForTheDevice_OnlyToTheOwner_AndOptOutStopsIt()
    {
        var person = await app.CreatePersonAsync("Kit");
        var client = await app.SignInAsync(person);
        await client.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string> { ["F.WhatHelps"] = "Peppermint tea and the window open." });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/plans/crisis/offline")).StatusCode);

        var settings = await client.GetPageAsync("/plans/crisis/offline-settings");
        Assert.Contains("What is stored", settings.MainText());
        Assert.Contains("How to remove it", settings.MainText());
        var on = await client.SubmitFormAsync("/plans/crisis/offline-settings", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);

        var page = await client.GetPageAsync("/plans/crisis/offline");
        Assert.Contains("Peppermint tea and the window open.", page.MainText());
        Assert.NotNull(page.QuerySelector("script[src^='/js/plans.js']"));

        // Nobody else gets it, so a shared device's service worker drops any copy it holds.
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staffActor = await app.CreateStaffAsync(orgId, teamId);
        await app.ShareAsync(person.PersonId!.Value, staffActor.UserId, SharedPart.CrisisPlan, ShareAccess.Suggest);
        var staff = await app.SignInAsync(staffActor);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/plans/crisis/offline")).StatusCode);
        var other = await app.SignInAsNewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/plans/crisis/offline")).StatusCode);

        settings = await client.GetPageAsync("/plans/crisis/offline-settings");
        Assert.Equal("on", settings.QuerySelector("[data-offline-state]")!.GetAttribute("data-offline-state"));
        var off = await client.SubmitFormAsync("/plans/crisis/offline-settings", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        settings = await client.GetPageAsync("/plans/crisis/offline-settings");
        Assert.Equal("off", settings.QuerySelector("[data-offline-state]")!.GetAttribute("data-offline-state"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/plans/crisis/offline")).StatusCode);
    }

    [Fact]
    public async Task Supporter_WhoseCrisisPlanGrantIsWithdrawn_HasNothingTheDeviceCouldKeepShowing()
    {
        var person = await app.CreatePersonAsync("Rowan");
        var owner = await app.SignInAsync(person);
        await owner.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string> { ["F.WhatHelps"] = "A blanket and quiet music." });
        await owner.SubmitFormAsync("/plans/crisis/offline-settings", new Dictionary<string, string>());
        var supporterActor = await app.CreatePersonAsync("Sam");
        await app.ShareAsync(person.PersonId!.Value, supporterActor.UserId, SharedPart.CrisisPlan, ShareAccess.View);
        var supporter = await app.SignInAsync(supporterActor);
        var shared = $"/people/{person.PersonId}/plans/staying-well/crisis";

        // While shared, the supporter reads it online, but the page may not be stored anywhere, and the
        // page the service worker keeps answers 404 to them (which deletes any copy on their device).
        var reading = await supporter.GetAsync(shared);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.Contains("A blanket and quiet music.", await reading.Content.ReadAsStringAsync());
        Assert.Contains("no-store", reading.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await supporter.GetAsync("/plans/crisis/offline")).StatusCode);

        await app.WithDbAsync(async db =>
        {
            foreach (var g in db.SharingGrants.Where(g => g.PersonId == person.PersonId && g.GranteeUserId == supporterActor.UserId))
            {
                g.WithdrawnAt = app.Time.GetUtcNow();
            }
            await db.SaveChangesAsync();
        });

        var after = await supporter.GetAsync(shared);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.DoesNotContain("A blanket and quiet music.", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServiceWorker_IsServedFromTheSiteRoot()
    {
        var client = app.NewClient();
        var response = await client.GetAsync("/sw-crisis.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("/plans/crisis/offline", script);
        Assert.Contains("caches.delete", script);
    }

    [Fact]
    public async Task Navigation_ShowsMyPlans_ToPeople()
    {
        var client = await app.SignInAsNewPersonAsync();
        var home = await client.GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll(".nhsuk-header__navigation-link"), a => a.GetAttribute("href") == "/plans" && a.TextContent.Contains("My plans"));
    }
}
