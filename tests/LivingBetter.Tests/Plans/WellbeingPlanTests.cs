using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.Plans;

public sealed class WellbeingPlanTests(PlansApp app) : IClassFixture<PlansApp>
{
    private async Task EnsureDomainAsync() => await app.WithDbAsync(async db =>
    {
        if (!await db.LifeDomains.AnyAsync(d => d.Key == "work" && d.OrganisationId == null))
        {
            db.LifeDomains.Add(new LifeDomain { Id = Guid.NewGuid(), Key = "work", Name = "Work and learning", Order = 1 });
            await db.SaveChangesAsync();
        }
    });

    [Fact]
    public async Task Goal_FromACheckInLink_PrefillsDomain_HasSteps_ShowsTrend_AndCelebrates()
    {
        await EnsureDomainAsync();
        var person = await app.CreatePersonAsync();
        await app.WithDbAsync(async db =>
        {
            var domain = await db.LifeDomains.FirstAsync(d => d.Key == "work");
            foreach (var (rating, daysAgo) in new[] { (3, 60), (5, 30), (6, 2) })
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

        var form = await client.GetPageAsync("/plans/wellbeing/goals/new?domain=work");
        Assert.Equal("work", form.QuerySelector("#Input_DomainKey option[selected]")!.GetAttribute("value"));

        var response = await client.SubmitFormAsync("/plans/wellbeing/goals/new?domain=work", new Dictionary<string, string>
        {
            ["Input.Words"] = "Get back into paid work, part-time",
            ["Input.DomainKey"] = "work",
            ["Input.Steps[0].Text"] = "Update my CV with Sam",
            ["Input.Steps[0].By"] = "2026-12-15",
            ["Input.Steps[0].WhoHelps"] = "Sam, employment worker",
            ["Input.Steps[0].Status"] = "UnderWay",
            ["Input.Steps[1].Text"] = "Ask about volunteering at the library",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Forms.ParseAsync(response)).ErrorSummary()) + response.StatusCode);
        var goalUrl = response.Headers.Location!.OriginalString.Split('?')[0];
        var goal = await client.GetPageAsync(goalUrl);
        Assert.Equal("Update my CV with Sam", goal.QuerySelector("#Input_Steps_0__Text")!.GetAttribute("value"));
        Assert.Equal("2026-12-15", goal.QuerySelector("#Input_Steps_0__By")!.GetAttribute("value"));
        Assert.Equal("UnderWay", goal.QuerySelector("#Input_Steps_0__Status option[selected]")!.GetAttribute("value"));
        Assert.Contains("Work and learning: 3 → 5 → 6", goal.QuerySelector("[data-trend]")!.TextContent);

        var achieved = await client.SubmitFormAsync(goalUrl, new Dictionary<string, string>
        {
            ["Input.Words"] = "Get back into paid work, part-time",
            ["Input.DomainKey"] = "work",
            ["Input.Steps[0].Text"] = "Update my CV with Sam",
            ["Input.Steps[0].Status"] = "Done",
            ["Input.Achieved"] = "true",
            ["Input.Celebration"] = "Fish and chips by the sea with Mum!",
        });
        Assert.Equal(HttpStatusCode.Redirect, achieved.StatusCode);
        goal = await client.GetPageAsync(goalUrl);
        Assert.Contains("You did it", goal.MainText());
        Assert.Contains("Fish and chips by the sea with Mum!", goal.MainText());

        var list = await client.GetPageAsync("/plans/wellbeing/goals");
        Assert.Contains("Achieved", list.MainText());
    }

    [Fact]
    public async Task Goal_WithoutWords_OrWithBadDate_ExplainsWhatToFix()
    {
        var client = await app.SignInAsNewPersonAsync();
        var response = await client.SubmitFormAsync("/plans/wellbeing/goals/new", new Dictionary<string, string>
        {
            ["Input.Words"] = "",
            ["Input.Steps[0].Text"] = "A step",
            ["Input.Steps[0].By"] = "31 Febtember",
        });
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Enter your goal in your own words", page.ErrorSummary());
        Assert.Contains("Step 1: the date must be a real date, like 31/3/2027", page.ErrorSummary());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/plans/wellbeing/goals/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Budget_TotalsAndRemainingAreWorkedOut_AndBadAmountsExplained()
    {
        var client = await app.SignInAsNewPersonAsync();
        var bad = await client.OpenFormAsync("/plans/wellbeing/budget", "/plans/wellbeing/budget");
        var badPage = await Forms.ParseAsync(await bad.PostAsync(client, new Dictionary<string, string> { ["F.Amount"] = "lots" }));
        Assert.Contains("Amount in pounds must be an amount in pounds, like 120 or 85.50", badPage.ErrorSummary());

        await client.SaveSectionAsync("wellbeing", "budget", new Dictionary<string, string>
        {
            ["F.Kind"] = "DirectPayment",
            ["F.Amount"] = "1200",
            ["F.Period"] = "Year",
            ["F.Items[0].What"] = "Gym membership",
            ["F.Items[0].Cost"] = "300",
            ["F.Items[1].What"] = "Art class at the community centre",
            ["F.Items[1].Cost"] = "450.50",
        });
        var print = await client.GetPageAsync("/plans/wellbeing/print");
        Assert.Contains("Direct payment to me", print.MainText());
        Assert.Contains("Planned spending £750.50 of £1,200.00; £449.50 left.", print.MainText());
    }

    [Fact]
    public async Task Pdfs_OfTheWholePlanAndThePocketCrisisCard_ReadBackWithThePersonsWords()
    {
        var person = await app.CreatePersonAsync("Aled");
        var client = await app.SignInAsync(person);
        await client.SaveSectionAsync("staying-well", "when-well", new Dictionary<string, string>
        {
            ["F.Description"] = "Singing in the café choir — naïve joy, £3 a week.",
        });
        await client.SaveSectionAsync("staying-well", "crisis", new Dictionary<string, string>
        {
            ["F.Supporters[0].Name"] = "Bethan Price",
            ["F.Supporters[0].Contact"] = "07700 900456",
            ["F.WhatHelps"] = "Welsh radio, quietly.",
            ["F.Allergies"] = "Latex",
        });

        var response = await client.GetAsync("/plans/staying-well/pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using (var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("My staying-well plan", text);
            Assert.Contains("café", text);
            Assert.Contains("naïve", text);
            Assert.Contains("£3", text);
            Assert.Contains("BethanPrice", text.Replace(" ", "", StringComparison.Ordinal));
            Assert.Contains("Postcrisisplan", text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        }

        var card = await client.GetAsync("/plans/crisis-card.pdf");
        using (var pdf = PdfDocument.Open(await card.Content.ReadAsByteArrayAsync()))
        {
            var page = pdf.GetPage(1);
            Assert.InRange(page.Width, 290, 300);
            Assert.InRange(page.Height, 415, 425);
            var text = page.Text.Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("Mycrisiscard", text);
            Assert.Contains("BethanPrice", text);
            Assert.Contains("Latex", text);
            Assert.Contains("Welshradio", text);
        }

        var wellbeing = await client.GetAsync("/plans/wellbeing/pdf");
        Assert.Equal(HttpStatusCode.OK, wellbeing.StatusCode);

        var stranger = await app.SignInAsNewPersonAsync();
        var theirs = await stranger.GetAsync("/plans/crisis-card.pdf");
        using var strangerPdf = PdfDocument.Open(await theirs.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Bethan", string.Join("", strangerPdf.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public async Task Goal_EditedInTwoTabs_ShowsBothVersions_ButEditsToOtherGoalsGoThrough()
    {
        var client = await app.SignInAsNewPersonAsync();
        async Task<string> AddAsync(string words)
        {
            var r = await client.SubmitFormAsync("/plans/wellbeing/goals/new", new Dictionary<string, string> { ["Input.Words"] = words });
            return r.Headers.Location!.OriginalString.Split('?')[0];
        }
        var swim = await AddAsync("Swim once a week");
        var cook = await AddAsync("Cook with friends");

        var tabA = await client.OpenFormAsync(swim);
        var tabB = await client.OpenFormAsync(swim);
        var other = await client.OpenFormAsync(cook);

        Assert.Equal(HttpStatusCode.Redirect, (await tabA.PostAsync(client, new Dictionary<string, string> { ["Input.Words"] = "Swim twice a week" })).StatusCode);
        // A different goal, opened before that save, still saves: nothing of it changed meanwhile.
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync(client, new Dictionary<string, string> { ["Input.Words"] = "Cook with friends on Fridays" })).StatusCode);

        var stale = await tabB.PostAsync(client, new Dictionary<string, string> { ["Input.Words"] = "Swim <b>with</b> my sister" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await Forms.ParseAsync(stale);
        Assert.Contains("Swim twice a week", page.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("Swim <b>with</b> my sister", page.QuerySelector("#Input_Words")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main b"));

        var merged = PlanTestSupport.FormOf(page, swim);
        Assert.Equal(HttpStatusCode.Redirect, (await merged.PostAsync(client, new Dictionary<string, string> { ["Input.Words"] = "Swim twice a week with my sister" })).StatusCode);
        var list = await client.GetPageAsync("/plans/wellbeing/goals");
        Assert.Contains("Swim twice a week with my sister", list.MainText());
        Assert.Contains("Cook with friends on Fridays", list.MainText());
    }
}
