using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Sharing;

/// <summary>The person is told, at the moment of writing, who can currently read the section.</summary>
public sealed class WhoCanReadTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static string Readers(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("#who-can-read")?.TextContent ?? "";

    [Fact]
    public async Task SectionPage_NothingShared_SaysOnlyYou()
    {
        var client = await app.SignInAsNewPersonAsync();

        var page = await client.GetPageAsync("/plans/staying-well/crisis");

        Assert.Contains("Only you can see this.", Readers(page));
    }

    [Fact]
    public async Task SectionPage_CrisisPlanSharedThenWithdrawn_ListChangesAtOnce()
    {
        var person = await app.CreatePersonAsync("Ola");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value, "Fern Ashby");
        var client = await app.SignInAsync(person);
        var grant = await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CrisisPlan);

        var crisis = await client.GetPageAsync("/plans/staying-well/crisis");
        var toolbox = await client.GetPageAsync("/plans/staying-well/toolbox");

        Assert.Contains("Fern Ashby", Readers(crisis));
        Assert.DoesNotContain("Fern Ashby", Readers(toolbox));
        Assert.Contains("Only you can see this.", Readers(toolbox));

        await app.WithDbAsync(async db =>
        {
            var g = await db.SharingGrants.FindAsync(grant);
            g!.WithdrawnAt = app.Time.GetUtcNow();
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("Fern Ashby", Readers(await client.GetPageAsync("/plans/staying-well/crisis")));
    }
}
