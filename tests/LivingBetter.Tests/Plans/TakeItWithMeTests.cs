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
        Assert.DoesNotContain("Gwen", string.Join("", theirs.GetPages().Select(p => p.Text)));
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/plans/crisis-card.pdf?size=a4")).StatusCode);
    }

    [Fact]
    public async Task WellbeingPlanPdf_WithCheckIns_DrawsTheWheelAndSaysWhatItShows_WithoutCheckInsLeavesItOut()
    {
        var domainName = await app.WithDbAsync(async db =>
        {
            var domain = await db.LifeDomains.FirstOrDefaultAsync(d => d.Key == "work" && d.OrganisationId == null);
            if (domain is null)
            {
                domain = new LifeDomain { Id = Guid.NewGuid(), Key = "work", Name = "Work and learning", Order = 1 };
                db.LifeDomains.Add(domain);
                await db.SaveChangesAsync();
            }
            return domain.Name;
        });
        var person = await app.CreatePersonAsync("Ifan");
        await app.WithDbAsync(async db =>
        {
            var domain = await db.LifeDomains.FirstAsync(d => d.Key == "work" && d.OrganisationId == null);
            foreach (var (rating, daysAgo) in new[] { (3, 40), (7, 3) })
            {
                db.CheckIns.Add(new CheckIn
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.PersonId!.Value,
                    At = app.Time.GetUtcNow().AddDays(-daysAgo),
                    RecordedByUserId = person.UserId,
                    Ratings = [new CheckInRating { Id = Guid.NewGuid(), DomainId = domain.Id, Rating = rating }],
                });
            }
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(person);
        await client.SubmitFormAsync("/plans/wellbeing/goals/new", new Dictionary<string, string> { ["Input.Words"] = "Finish my bookkeeping course" });

        using (var pdf = PdfDocument.Open(await (await client.GetAsync("/plans/wellbeing/pdf")).Content.ReadAsByteArrayAsync()))
        {
            var first = pdf.GetPage(1);
            var text = Squash(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
            Assert.Contains("Mywellbeingwheel", text);
            Assert.Contains(Squash($"{domainName}: 7"), text);
            Assert.Contains("Latest:", text);
            Assert.Contains("Lasttime:", text);
            Assert.Contains("Finishmybookkeepingcourse", text);
            // The picture itself: rings, spokes and shaded ratings are drawn as paths.
            Assert.True(first.Paths.Count >= 5, $"Expected the wheel's shapes on page 1, found {first.Paths.Count} paths.");
        }

        var newcomer = await app.SignInAsNewPersonAsync();
        using var plain = PdfDocument.Open(await (await newcomer.GetAsync("/plans/wellbeing/pdf")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Mywellbeingwheel", Squash(string.Join("\n", plain.GetPages().Select(p => p.Text))));
        Assert.Empty(plain.GetPage(1).Paths);
    }
}
