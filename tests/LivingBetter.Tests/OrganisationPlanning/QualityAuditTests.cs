using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

public sealed class QualityAuditTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Index = "/organisation-planning/quality-audits";

    /// <summary>People supported by the team, each with a wellbeing plan whose sections are as given.</summary>
    private async Task<List<Actor>> SupportedPeopleAsync(Guid teamId, int count, bool withCrisisPlan, string name = "Sampled Person")
    {
        var people = new List<Actor>();
        for (var i = 0; i < count; i++)
        {
            people.Add(await app.CreatePersonAsync($"{name} {i}"));
        }
        var now = app.Time.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            foreach (var p in people)
            {
                db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = p.PersonId!.Value, TeamId = teamId, StartedAt = now.AddDays(-30) });
                var wellbeing = new Plan { Id = Guid.NewGuid(), PersonId = p.PersonId.Value, Kind = PlanKind.Wellbeing, CreatedAt = now, UpdatedAt = now };
                wellbeing.Sections.Add(new PlanSection { Id = Guid.NewGuid(), Key = "strengths", State = SectionState.Done, Content = "{\"goodAt\":[\"Secret strength words\"]}", UpdatedAt = now });
                wellbeing.Sections.Add(new PlanSection
                {
                    Id = Guid.NewGuid(),
                    Key = "care",
                    State = SectionState.Done,
                    UpdatedAt = now,
                    Content = SectionContent.Serialize(new CareContent { NextReview = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30) }),
                });
                db.Plans.Add(wellbeing);
                if (withCrisisPlan)
                {
                    var stayingWell = new Plan { Id = Guid.NewGuid(), PersonId = p.PersonId.Value, Kind = PlanKind.StayingWell, CreatedAt = now, UpdatedAt = now };
                    stayingWell.Sections.Add(new PlanSection { Id = Guid.NewGuid(), Key = PlanStructure.Crisis, State = SectionState.Done, Content = "{}", UpdatedAt = now });
                    db.Plans.Add(stayingWell);
                }
            }
            await db.SaveChangesAsync();
        });
        return people;
    }

    private static async Task<string> StartAsync(HttpClient admin, params (string Key, string Value)[] fields)
    {
        var response = await admin.SubmitFormAsync(Index, Fields(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static (string, string)[] Answers(params string[] answers) =>
        answers.Select((a, i) => ($"Input[{i}].Answer", a)).ToArray();

    [Fact]
    public async Task BaselineAndReAudit_SameSampleRecordedBetter_RoundShowsShareAndChangeWithoutNames()
    {
        var org = await app.CreatePlanningOrgAsync();
        await SupportedPeopleAsync(org.TeamId, 4, withCrisisPlan: false);

        var baseline = await StartAsync(org.Admin, ("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.Scope", "organisation"), ("Input.SampleSize", "4"));
        var round = await org.Admin.GetPageAsync(baseline);
        Assert.Equal(4, round.QuerySelectorAll("#sample tbody tr").Length);
        Assert.DoesNotContain("Sampled Person", round.MainText());
        Assert.Contains("Plan 1", round.MainText());

        // The system filled in what it can tell without reading: strengths written, review date ahead, no crisis plan.
        var plan1 = await org.Admin.GetPageAsync(baseline + "/plans/1");
        Assert.NotNull(plan1.QuerySelector("#not-read"));
        Assert.Contains("From the system, not read", plan1.MainText());
        Assert.DoesNotContain("Secret strength words", plan1.Source.Text);
        Assert.DoesNotContain("Sampled Person", plan1.Source.Text);
        Assert.Equal("No", plan1.QuerySelector("#Input_3__Answer option[selected]")?.TextContent);
        Assert.Equal("Yes", plan1.QuerySelector("#Input_2__Answer option[selected]")?.TextContent);

        for (var n = 1; n <= 4; n++)
        {
            var saved = await org.Admin.SubmitFormAsync($"{baseline}/plans/{n}", Fields([.. Answers(n == 1 ? "Yes" : "No", "Partly", "Yes", "No", "Yes"), ("Input[0].Note", "Team's words")]));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var baselineId = baseline.Split('/').Last();
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.CompleteAuditAsync(baseline)).StatusCode);
        var reAudit = await StartAsync(org.Admin, ("Input.Kind", baselineId), ("Input.HeldOn", "2026-11-01"), ("Input.SameSample", "true"));
        for (var n = 1; n <= 4; n++)
        {
            await org.Admin.SubmitFormAsync($"{reAudit}/plans/{n}", Fields(Answers(n <= 3 ? "Yes" : "No", "Yes", "Yes", "No", "Yes")));
        }

        var page = await org.Admin.GetPageAsync(reAudit);
        var goals = page.QuerySelectorAll("#summary tbody tr").Single(r => r.TextContent.Contains("Goals in the person's own words"));
        Assert.Contains("75%", goals.TextContent);
        Assert.Contains("25%", goals.TextContent);
        Assert.Contains("Up 50 points", goals.TextContent);
        var crisis = page.QuerySelectorAll("#summary tbody tr").Single(r => r.TextContent.Contains("Crisis plan present"));
        Assert.Contains("No change", crisis.TextContent);
        Assert.Contains("Re-audit", (await org.Admin.GetPageAsync(Index)).MainText());
    }

    [Fact]
    public async Task SampledPlan_AdminWithPersonsGrant_OpeningGoesThroughSharingAndIsAudited()
    {
        var org = await app.CreatePlanningOrgAsync();
        var person = (await SupportedPeopleAsync(org.TeamId, 1, withCrisisPlan: true)).Single();
        await app.WithDbAsync(async db =>
        {
            db.SharingGrants.Add(new SharingGrant { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, GranteeUserId = org.AdminActor.UserId, Part = SharedPart.WellbeingPlan, Access = ShareAccess.View, CreatedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var round = await StartAsync(org.Admin, ("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.SampleSize", "5"));

        var opened = await org.Admin.SubmitFormAsync(round + "/plans/1", Fields(), "handler=Open");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/people/{person.PersonId}/plans", opened.Headers.Location!.OriginalString);
        var logged = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.PersonId == person.PersonId && e.Action == "quality-audit.plan.open" && e.ActorUserId == org.AdminActor.UserId));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task StartAudit_BadInput_NamesEachFieldAndSavesNothing()
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();
        var response = await org.Admin.SubmitFormAsync(Index, Fields(
            ("Input.Kind", Guid.NewGuid().ToString()), ("Input.HeldOn", "31/02/2026"), ("Input.Scope", $"team:{other.TeamId}"), ("Input.SampleSize", "1000")));
        var page = await Forms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.ErrorSummary();
        Assert.Contains("Choose a baseline, or a re-audit of one of this organisation's baselines", errors);
        Assert.Contains("Date of the audit must be a real date, like 24/11/2026", errors);
        Assert.Contains("Choose the whole organisation, one of its divisions or one of its teams", errors);
        Assert.Contains("Number of plans to sample must be a whole number from 1 to 100", errors);

        var empty = await Forms.ParseAsync(await org.Admin.SubmitFormAsync(Index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.SampleSize", "3"))));
        Assert.Contains("No one with a plan is supported there now: choose a wider group", empty.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<QualityAuditRound>().CountAsync(r => r.OrganisationId == org.OrganisationId)));
    }

    [Fact]
    public async Task RecordCriteria_UnknownAnswerOrLongNote_NamesTheCriterion()
    {
        var org = await app.CreatePlanningOrgAsync();
        await SupportedPeopleAsync(org.TeamId, 1, withCrisisPlan: false);
        var round = await StartAsync(org.Admin, ("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.SampleSize", "2"));

        var response = await org.Admin.SubmitFormAsync(round + "/plans/1", Fields(("Input[0].Answer", ""), ("Input[1].Answer", "Maybe"), ("Input[2].Note", new string('x', 501))));
        var page = await Forms.ParseAsync(response);

        Assert.Contains("The person was involved: choose yes, partly or no", page.ErrorSummary());
        Assert.Contains("Note on strengths recorded must be 500 characters or fewer", page.ErrorSummary());
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync(round + "/plans/2")).StatusCode);
    }

    [Fact]
    public async Task AnotherOrganisationsRound_AdminOrStaff_NotFound_AndDeleteNeedsConfirmation()
    {
        var org = await app.CreatePlanningOrgAsync();
        await SupportedPeopleAsync(org.TeamId, 1, withCrisisPlan: false);
        var round = await StartAsync(org.Admin, ("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.SampleSize", "1"));
        var other = await app.CreatePlanningOrgAsync();
        var staff = await app.SignInAsync(await app.CreateStaffAsync(org.OrganisationId, org.TeamId));

        foreach (var url in new[] { round, round + "/plans/1", round + "/delete" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(Index)).StatusCode);

        var confirm = await org.Admin.GetPageAsync(round + "/delete");
        Assert.Contains("This cannot be undone", confirm.MainText());
        var deleted = await org.Admin.SubmitFormAsync(round + "/delete", Fields());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync(round)).StatusCode);
    }
}
