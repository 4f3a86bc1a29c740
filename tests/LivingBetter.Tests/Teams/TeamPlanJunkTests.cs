using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Teams;

/// <summary>No input to a team plan form makes the server answer 500, and unknown ids answer 404.</summary>
public sealed class TeamPlanJunkTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static readonly string[] Junk =
    [
        "", " ", new string('x', 20_000), "\0\u0001", "' OR 1=1 --", "<script>alert(1)</script>", "😀", "-1", "99999999999999999999", "0001-01-01", "9999-12-31",
    ];

    [Fact]
    public async Task EveryTeamPlanForm_JunkInEveryField_NeverAnswers500()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        await t.OpenRoundAsync();
        await t.LeadClient.PostActionAsync(t, TripKit.ActionFields(t, []), [t.Staff.UserId, t.Person.UserId]);
        var statementId = (await t.StatementIdsAsync(1))[0];
        var actionId = await app.WithDbAsync(db => db.Set<TeamAction>().Where(a => db.Set<TeamPlan>().Any(p => p.Id == a.TeamPlanId && p.TeamId == t.TeamId)).Select(a => a.Id).SingleAsync());
        string[] urls =
        [
            "/members", "/rounds/1/rate", $"/rounds/1/agree/{statementId}", "/priorities", "/actions/new", $"/actions/{actionId}",
            "/reviews/new", "/annual-review", "/assets", "/profiles/mine", "/framework?edit=true",
        ];
        foreach (var url in urls)
        {
            var page = await t.LeadClient.GetPageAsync(t.Base + url);
            var form = page.QuerySelectorAll("main form").FirstOrDefault(f => f.GetAttribute("method") == "post");
            Assert.NotNull(form);
            var names = form.QuerySelectorAll("input, textarea, select").Select(e => e.GetAttribute("name"))
                .Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken").Distinct().ToList();
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var target = form.GetAttribute("action") is { Length: > 0 } a ? a : t.Base + url;
            foreach (var junk in Junk)
            {
                var values = names.Select(n => new KeyValuePair<string, string>(n!, junk)).Append(new("__RequestVerificationToken", token));
                var response = await t.LeadClient.PostAsync(target, new FormUrlEncodedContent(values));
                Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode} to '{junk[..Math.Min(12, junk.Length)]}'");
            }
        }
        // Junk never slipped through as a rating or a second plan year.
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<BenchmarkRating>().CountAsync(r => r.Score < 1 || r.Score > 5)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<TeamPlan>().CountAsync(p => p.TeamId == t.TeamId)));
    }

    [Fact]
    public async Task UnknownIds_Answer404()
    {
        var t = await app.CreateTeamAsync();
        await t.StartPlanAsync();
        foreach (var path in new[] { $"/teams/{Guid.NewGuid()}", t.Base + "/rounds/7", t.Base + $"/actions/{Guid.NewGuid()}", t.Base + $"/rounds/1/agree/{Guid.NewGuid()}",
                     t.Base + $"/members/{Guid.NewGuid()}/remove", t.Base + $"/assets/{Guid.NewGuid()}/remove", $"/teams/{Guid.NewGuid()}/plan.pdf" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await t.LeadClient.GetAsync(path)).StatusCode);
        }
    }
}
