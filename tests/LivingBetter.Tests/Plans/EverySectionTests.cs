using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Plans;

public sealed class EverySectionTests(PlansApp app) : IClassFixture<PlansApp>
{
    [Fact]
    public async Task EverySection_OpensForTheOwner_WithGuidance_AndForSomeoneTheyShareWith()
    {
        var person = await app.CreatePersonAsync("Sasha");
        var client = await app.SignInAsync(person);
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staffActor = await app.CreateStaffAsync(orgId, teamId);
        foreach (var part in new[] { SharedPart.StayingWellPlan, SharedPart.WellbeingPlan })
        {
            await app.ShareAsync(person.PersonId!.Value, staffActor.UserId, part, ShareAccess.Suggest);
        }
        var staff = await app.SignInAsync(staffActor);

        foreach (var def in PlanStructure.StayingWell.Concat(PlanStructure.Wellbeing))
        {
            var slug = PlanStructure.Slug(def.Kind);
            var url = def.Key == PlanStructure.Goals ? "/plans/wellbeing/goals" : $"/plans/{slug}/{def.Key}";
            var page = await client.GetPageAsync(url);
            Assert.Contains(def.Guidance, page.MainText());
            Assert.Equal(def.Title, page.QuerySelector("h1")!.TextContent.Trim());
            if (def.MayBeDistressing && def.Key != PlanStructure.Goals)
            {
                Assert.NotNull(page.QuerySelector("main a[href='/help/urgent']"));
            }
            var shared = await staff.GetPageAsync($"/people/{person.PersonId}/plans/{slug}/{def.Key}");
            Assert.Contains("Add your professional view", shared.MainText());
        }
    }

    [Fact]
    public async Task JunkInput_NeverAnswers500_AndSavesNothing()
    {
        var client = await app.SignInAsNewPersonAsync();
        var form = await client.OpenFormAsync("/plans/wellbeing/budget", "/plans/wellbeing/budget");
        var response = await form.PostAsync(client, new Dictionary<string, string>
        {
            ["BaseVersion"] = "not a number",
            ["Done"] = "perhaps",
            ["F.Kind"] = "Bitcoin",
            ["F.Period"] = "Fortnight",
            ["F.Items[0].What"] = "Something",
            ["F.Items[0].Cost"] = "-5",
            ["F.Items[0].GoalId"] = "not-a-guid",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Select kind of budget from the list", page.ErrorSummary());
        Assert.Contains("Spending item 1, cost in pounds must be an amount in pounds, like 120 or 85.50", page.ErrorSummary());
        var history = await client.GetPageAsync("/plans/wellbeing/history");
        Assert.Contains("There is nothing here yet", history.MainText());

        var care = await client.OpenFormAsync("/plans/wellbeing/care", "/plans/wellbeing/care");
        var bad = await Forms.ParseAsync(await care.PostAsync(client, new Dictionary<string, string> { ["F.NextReview"] = "2027-02-30" }));
        Assert.Contains("Next review date must be a real date, like 31/3/2027", bad.ErrorSummary());
    }
}
