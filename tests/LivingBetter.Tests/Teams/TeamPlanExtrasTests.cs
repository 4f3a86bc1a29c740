using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.Teams;

public sealed class TeamPlanExtrasTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task Assets_EachEntryVisibleOnlyAsItsOwnerChose_AndSearchable()
    {
        var t = await app.CreateTeamAsync();
        await t.PersonClient.SubmitFormAsync(t.Base + "/assets", new Dictionary<string, string> { ["Input.Kind"] = "Language", ["Input.Text"] = "I speak Tagalog", ["Input.Visibility"] = "Team" }, "/assets");
        await t.PersonClient.SubmitFormAsync(t.Base + "/assets", new Dictionary<string, string> { ["Input.Kind"] = "LivedExperience", ["Input.Text"] = "Hearing voices, and what helped me", ["Input.Visibility"] = "LeadsOnly" }, "/assets");
        await t.StaffClient.SubmitFormAsync(t.Base + "/assets", new Dictionary<string, string> { ["Input.Kind"] = "CommunityContact", ["Input.Text"] = "I know the bowls club secretary", ["Input.Visibility"] = "StaffOnly" }, "/assets");

        var asPerson2 = (await t.Person2Client.GetPageAsync(t.Base + "/assets")).MainText();
        var asStaff = (await t.StaffClient.GetPageAsync(t.Base + "/assets")).MainText();
        var asLead = (await t.LeadClient.GetPageAsync(t.Base + "/assets")).MainText();
        var asOwner = (await t.PersonClient.GetPageAsync(t.Base + "/assets")).MainText();

        Assert.Contains("I speak Tagalog", asPerson2);
        Assert.DoesNotContain("Hearing voices", asPerson2);
        Assert.DoesNotContain("bowls club", asPerson2);
        Assert.DoesNotContain("Hearing voices", asStaff);
        Assert.Contains("bowls club", asStaff);
        Assert.Contains("Hearing voices", asLead);
        Assert.Contains("Hearing voices", asOwner);

        var search = (await t.Person2Client.GetPageAsync(t.Base + "/assets?q=tagalog")).MainText();
        Assert.Contains("I speak Tagalog", search);
        var none = (await t.Person2Client.GetPageAsync(t.Base + "/assets?q=voices")).MainText();
        Assert.Contains("Nothing matches your search", none);
    }

    [Fact]
    public async Task Assets_EmptyText_ClearMessageNothingSaved()
    {
        var t = await app.CreateTeamAsync();
        var response = await t.PersonClient.SubmitFormAsync(t.Base + "/assets", new Dictionary<string, string> { ["Input.Kind"] = "Skill", ["Input.Text"] = " ", ["Input.Visibility"] = "Everyone" }, "/assets");
        var errors = (await Forms.ParseAsync(response)).ErrorSummary();
        Assert.Contains("Describe it in your own words", errors);
        Assert.Contains("Choose who can see it", errors);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<TeamAsset>().CountAsync(a => a.TeamId == t.TeamId)));
    }

    [Fact]
    public async Task Profiles_MemberWritesOwn_ShownInGalleryToTheTeam()
    {
        var t = await app.CreateTeamAsync();
        var saved = await t.PersonClient.SubmitFormAsync(t.Base + "/profiles/mine", new Dictionary<string, string>
        {
            ["Input.Likes"] = "Sea swimming",
            ["Input.TopTip"] = "Drink water before coffee",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var gallery = await t.StaffClient.GetPageAsync(t.Base + "/profiles");
        var card = gallery.QuerySelector(".lb-gallery .nhsuk-card")!.TextContent;
        Assert.Contains("Robin Using", card);
        Assert.Contains("Sea swimming", card);
        Assert.Contains("Drink water before coffee", card);
        Assert.DoesNotContain("Jobs I have done", card);
    }

    [Fact]
    public async Task PrintAndPdf_WholePlan_ReadableWithActionsAndLeads()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();
        await t.PersonClient.RateAllAsync(t, 1, _ => "3");
        await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, []), [t.Staff.UserId, t.Person.UserId]);

        var print = (await t.PersonClient.GetPageAsync(t.Base + "/print")).MainText();
        Assert.Contains("Hold a monthly recovery café", print);
        Assert.Contains("Everyday relationships and hope", print);

        var pdf = await t.PersonClient.GetAsync(t.Base + "/plan.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Test Community Team", text);
        Assert.Contains("café", text);
        Assert.Contains("Robin Using (Person using the service)", text);
        Assert.Contains("Everyday relationships and hope", text);
    }

    [Fact]
    public async Task Framework_LeadMakesNewVersion_NextRoundUsesItAndStillComparesCarriedStatements()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();
        await t.PersonClient.RateAllAsync(t, 1, _ => "2");

        var edit = await t.LeadClient.GetPageAsync(t.Base + "/framework?edit=true");
        var fields = edit.QuerySelectorAll("main form input[type=hidden], main form input[type=text], main form textarea")
            .Where(e => e.GetAttribute("name") is { } n && n != "__RequestVerificationToken")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.GetAttribute("value") ?? e.TextContent);
        fields["Input.Themes[0].Statements[1].Text"] = "";
        fields["Input.Themes[0].Statements[3].Text"] = "Everyone is greeted by name.";
        var saved = await t.LeadClient.SubmitFormAsync(t.Base + "/framework?edit=true", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var view = (await t.PersonClient.GetPageAsync(t.Base + "/framework")).MainText();
        Assert.Contains("version 2", view);
        Assert.Contains("Everyone is greeted by name.", view);
        Assert.DoesNotContain("We expect that people can build a good life", view);

        await t.OpenRoundAsync();
        await t.PersonClient.RateAllAsync(t, 2, _ => "4");
        var round2 = (await t.PersonClient.GetPageAsync(t.Base + "/rounds/2")).MainText();
        Assert.Contains("Everyone is greeted by name.", round2);
        Assert.Contains("Last round: 2. Up 2 since then.", round2);
        // Round 1 keeps the wording it was rated against.
        Assert.Contains("We expect that people can build a good life", (await t.PersonClient.GetPageAsync(t.Base + "/rounds/1")).MainText());
        Assert.Equal(HttpStatusCode.NotFound, (await t.PersonClient.PostWithTokenAsync(t.Base + "/framework", t.Base + "/framework", fields)).StatusCode);
    }
}

public sealed class TeamPlanDemoTests(DemoOrganisationApp app) : IClassFixture<DemoOrganisationApp>
{
    [Fact]
    public async Task Demo_MorgansTeam_IsMidCycleWithTwoRoundsShowingProgress_AndAlexIsAMember()
    {
        var lead = app.NewClient();
        await app.SignInAsync(lead, DemoAccounts.TeamLead.Email, DemoAccounts.Password, DemoAccounts.TeamLead.AuthenticatorKey);
        var teams = await lead.GetPageAsync("/teams");
        var href = teams.QuerySelector("main a[href^='/teams/']")!.GetAttribute("href")!;

        var page = (await lead.GetPageAsync(href)).MainText();
        Assert.Contains("1 action is overdue", page);
        Assert.Contains("Progress in round 2", page);
        var round2 = await lead.GetPageAsync(href + "/rounds/2");
        Assert.Contains("compared with round 1", round2.QuerySelector("table caption")!.TextContent);

        var alex = app.NewClient();
        await app.SignInAsync(alex, DemoAccounts.Person.Email, DemoAccounts.Password, null);
        Assert.Contains("Rate the statements for round 2", (await alex.GetPageAsync(href)).MainText());

        var stages = await app.WithDbAsync(db => db.Set<TeamPlan>().GroupBy(p => p.TeamId).CountAsync());
        Assert.Equal(3, stages);
    }
}
