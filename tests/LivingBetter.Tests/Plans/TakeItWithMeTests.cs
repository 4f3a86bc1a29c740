using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.Plans;

/// <summary>The folded A4 crisis card and the wellbeing wheel in the wellbeing plan PDF, read back from the PDF.</summary>
public sealed class TakeItWithMeTests(PlansApp app) : IClassFixture<PlansApp>
{
    private static string Squash(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    [Fact]
    public async Task FoldedA4CrisisCard_IsALandscapeA4WithTheWholeCrisisPlan_AndOnlyForTheOwner()
    {
        var person = await app.CreatePersonAsync("Nia");
        var client = await app.SignInAsync(person);
        await client.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string>
        {
            ["F.Supporters[0].Name"] = "Gwen Ellis",
            ["F.Supporters[0].Contact"] = "07700 900123",
            ["F.WhatHelps"] = "Sitting in the garden with the dog.",
            ["F.Medicines"] = "Sertraline 100 mg — mornings",
            ["F.AtHome"] = "Ask Gwen to feed Pip the cat.",
        });
        var overview = await client.GetPageAsync("/plans");
        Assert.NotNull(overview.QuerySelector("a[href='/plans/crisis-card.pdf?size=a4']"));

        var response = await client.GetAsync("/plans/crisis-card.pdf?size=a4");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = pdf.GetPage(1);
        Assert.InRange(page.Width, 838, 846);
        Assert.InRange(page.Height, 591, 599);
        var text = Squash(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        Assert.Contains("Mycrisiscard", text);
        Assert.Contains("Foldalongthedashedline", text);
        Assert.Contains("GwenEllis", text);
        Assert.Contains("Sertraline100mg—mornings", text);
        Assert.Contains("AskGwentofeedPipthecat.", text);

        var stranger = await app.SignInAsNewPersonAsync();
        using var theirs = PdfDocument.Open(await (await stranger.GetAsync("/plans/crisis-card.pdf?size=a4")).Content.ReadAsByteArrayAsync());
        var theirText = string.Join("", theirs.GetPages().Select(p => p.Text));
        Assert.DoesNotContain("Gwen", theirText);
        // Someone with nothing written gets a card that says so, not one that looks complete.
        Assert.Contains("Thiscrisisplanhasnothingwritteninityet.", Squash(theirText));
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/plans/crisis-card.pdf?size=a4")).StatusCode);
    }
}
