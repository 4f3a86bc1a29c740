using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.CheckIns;

public sealed class WheelPdfTests(CheckInsApp app) : IClassFixture<CheckInsApp>
{
    private static string Squash(string s) => s.Replace(" ", "", StringComparison.Ordinal);

    [Fact]
    public async Task ThreeCheckIns_WellbeingPlanPdf_CarriesTheWheelTableAndTrends()
    {
        var person = await app.CreatePersonAsync("Rowan");
        var client = await app.SignInAsync(person);
        foreach (var value in new[] { "2", "5", "8" })
        {
            var fields = new Dictionary<string, string>();
            for (var i = 0; i < DefaultDomains.All.Count; i++)
            {
                fields[$"Input.Ratings[{i}].Value"] = i == 3 && value == "8" ? "skip" : value;
            }
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/check-ins/new", fields)).StatusCode);
            app.Time.Advance(TimeSpan.FromDays(30));
            client = await app.SignInAsync(person);
        }

        var response = await client.GetAsync("/plans/wellbeing/pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var pages = pdf.GetPages().Select(p => Squash(p.Text)).ToList();
        var wheelPage = Assert.Single(pages, p => p.Contains("Mywellbeingwheel", StringComparison.Ordinal));
        Assert.Contains("thelatestcheck-incomparedwithlasttimeandthefirst", wheelPage);
        Assert.Contains("Latest:", wheelPage);
        Assert.Contains("Lasttime:", wheelPage);
        Assert.Contains("First:", wheelPage);
        Assert.Contains("Theratingsasatable", wheelPage);
        Assert.Contains("Skipped", wheelPage);
        Assert.Contains(Squash(DefaultDomains.All[0].Name), wheelPage);
        var trendsPage = Assert.Single(pages, p => p.Contains("Eachpartoflifeovertime", StringComparison.Ordinal));
        Assert.Contains(Squash(DefaultDomains.All[^1].Name), trendsPage);

        // The staying-well plan is a different document: no wheel in it.
        using var stayingWell = PdfDocument.Open(await (await client.GetAsync("/plans/staying-well/pdf")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(stayingWell.GetPages(), p => Squash(p.Text).Contains("Mywellbeingwheel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCheckInsYet_WellbeingPlanPdf_HasNoWheelPages()
    {
        var person = await app.CreatePersonAsync("Sage");
        var client = await app.SignInAsync(person);
        using var pdf = PdfDocument.Open(await (await client.GetAsync("/plans/wellbeing/pdf")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(pdf.GetPages(), p => Squash(p.Text).Contains("Mywellbeingwheel", StringComparison.Ordinal));
    }
}
