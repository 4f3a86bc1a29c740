using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.QualityAudits;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using static LivingBetter.Tests.OrganisationPlanning.PlanningTestSupport;

namespace LivingBetter.Tests.OrganisationPlanning;

/// <summary>
/// Division leads and board members (ADR 0018): what each may see and do on the organisation planning
/// pages, and what is refused with "page not found" or a field-named message.
/// </summary>
public sealed class OrganisationRolesTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private sealed record Org(PlanningOrg Planning, Guid OtherDivisionId, Guid OtherTeamId, HttpClient Lead, Actor LeadActor, HttpClient Board);

    /// <summary>
    /// An organisation with two divisions, each with a team supporting people with plans and ratings;
    /// a lead of the first division and a board member, both signed in.
    /// </summary>
    private async Task<Org> CreateAsync()
    {
        var planning = await app.CreatePlanningOrgAsync();
        var otherDivision = Guid.NewGuid();
        var otherTeam = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Divisions.Add(new Division { Id = otherDivision, OrganisationId = planning.OrganisationId, Name = "Forensic Services" });
            db.Teams.Add(new Team { Id = otherTeam, OrganisationId = planning.OrganisationId, DivisionId = otherDivision, Name = "Oak House" });
            await db.SaveChangesAsync();
        });
        await SupportedPeopleAsync(planning.TeamId, 3, "Lead Division Person");
        await SupportedPeopleAsync(otherTeam, 3, "Other Division Person");
        var (leadActor, lead) = await app.CreateRoleHolderAsync(planning.OrganisationId, OrganisationRoleKind.DivisionLead, planning.DivisionId);
        var (_, board) = await app.CreateRoleHolderAsync(planning.OrganisationId, OrganisationRoleKind.BoardMember);
        return new Org(planning, otherDivision, otherTeam, lead, leadActor, board);
    }

    private async Task SupportedPeopleAsync(Guid teamId, int count, string name)
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
                var plan = new Plan { Id = Guid.NewGuid(), PersonId = p.PersonId.Value, Kind = PlanKind.Wellbeing, CreatedAt = now, UpdatedAt = now };
                plan.Sections.Add(new PlanSection { Id = Guid.NewGuid(), Key = "strengths", State = SectionState.Done, Content = "{}", UpdatedAt = now });
                db.Plans.Add(plan);
            }
            await db.SaveChangesAsync();
        });
    }

    private static async Task<string> StartAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url) => (await client.GetAsync(url)).StatusCode;

    // ---- Outcome reports ----

    [Fact]
    public async Task DivisionLead_Outcomes_OnlyTheirDivisionOfferedAndReported()
    {
        var org = await CreateAsync();
        var page = await org.Lead.GetPageAsync("/organisation-planning/outcomes");
        var options = page.QuerySelectorAll("#Division option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["Adult Mental Health Services"], options);
        Assert.DoesNotContain("Oak House", page.QuerySelector("#Team")!.TextContent);
        Assert.Contains("division: Adult Mental Health Services", page.MainText());
        Assert.DoesNotContain("Lead Division Person", page.Source.Text);
    }

    [Fact]
    public async Task DivisionLead_OutcomesWidenedByQueryString_RefusedWithNoReport()
    {
        var org = await CreateAsync();
        foreach (var url in new[]
        {
            $"/organisation-planning/outcomes?division={org.OtherDivisionId}",
            $"/organisation-planning/outcomes?division=&team={org.OtherTeamId}&by=Division",
        })
        {
            var page = await org.Lead.GetPageAsync(url);
            if (url.Contains("team=", StringComparison.Ordinal))
            {
                Assert.Equal("Select a team from the list", page.FieldError("Team"));
            }
            else
            {
                Assert.Equal("Select a division from the list", page.FieldError("Division"));
            }
            Assert.Null(page.QuerySelector("a[download]"));
            Assert.DoesNotContain("Forensic Services", page.QuerySelector("#Division")!.TextContent);
        }
    }

    [Fact]
    public async Task DivisionLead_OutcomesCsv_ForcedToTheirDivisionAndOtherDivisionRefused()
    {
        var org = await CreateAsync();
        var csv = await org.Lead.GetAsync("/organisation-planning/outcomes?handler=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Adult Mental Health Services", text);
        Assert.DoesNotContain("Everyone supported by", text);

        var wider = await org.Lead.GetAsync($"/organisation-planning/outcomes?handler=csv&division={org.OtherDivisionId}");
        Assert.NotEqual("text/csv", wider.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Select a division from the list", await wider.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BoardMember_Outcomes_WholeOrganisationAndAnyDivision()
    {
        var org = await CreateAsync();
        var page = await org.Board.GetPageAsync("/organisation-planning/outcomes");
        Assert.Contains("All divisions", page.QuerySelector("#Division")!.TextContent);
        Assert.Contains("Everyone supported by", page.MainText());
        var other = await org.Board.GetPageAsync($"/organisation-planning/outcomes?division={org.OtherDivisionId}");
        Assert.Null(other.FieldError("Division"));
        Assert.NotNull(other.QuerySelector("a[download]"));
    }

    // ---- Self-assessment ----

    [Fact]
    public async Task DivisionLead_SelfAssessment_RunsAndRepeatsTheirDivisionOnly()
    {
        var org = await CreateAsync();
        const string index = "/organisation-planning/self-assessment";
        var first = await StartAsync(org.Lead, index, Fields(("Input.Scope", org.Planning.DivisionId.ToString()), ("Input.HeldOn", "2026-06-01")));
        var saved = await org.Lead.SubmitFormAsync(first + "/challenges/3", Fields(("Input.Rating", "2"), ("Input.GoalsForChange", "Peer workers in every team.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var second = await StartAsync(org.Lead, index, Fields(("Input.Scope", org.Planning.DivisionId.ToString()), ("Input.HeldOn", "2026-11-01")));
        var challenge = await org.Lead.GetPageAsync(second + "/challenges/3");
        Assert.Equal("Peer workers in every team.", challenge.QuerySelector("#Input_GoalsForChange")?.TextContent.Trim());

        foreach (var scope in new[] { org.OtherDivisionId.ToString(), "organisation" })
        {
            var refused = await org.Lead.SubmitFormAsync(index, Fields(("Input.Scope", scope), ("Input.HeldOn", "2026-11-01")));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await Forms.ParseAsync(refused)).FieldError("Input_Scope"));
        }
        var options = (await org.Lead.GetPageAsync(index)).QuerySelectorAll("#Input_Scope option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["Choose who it is for", "Adult Mental Health Services"], options);
    }

    [Fact]
    public async Task DivisionLead_OtherDivisionsRound_NotFoundForReadingAndRating()
    {
        var org = await CreateAsync();
        var other = await StartAsync(org.Planning.Admin, "/organisation-planning/self-assessment", Fields(("Input.Scope", org.OtherDivisionId.ToString()), ("Input.HeldOn", "2026-06-01")));
        var whole = await StartAsync(org.Planning.Admin, "/organisation-planning/self-assessment", Fields(("Input.Scope", "organisation"), ("Input.HeldOn", "2026-06-01")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, other));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, other + "/challenges/1"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, whole));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, $"/organisation-planning/self-assessment/progress?division={org.OtherDivisionId}"));
        var post = await org.Lead.PostWithTokenAsync("/", other + "/challenges/1", Fields(("Input.Rating", "4")));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var complete = await org.Lead.PostWithTokenAsync("/", other + "?handler=Complete", Fields());
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
    }

    [Fact]
    public async Task BoardMember_SelfAssessment_RunsOrganisationWideAndReadsDivisionsWithoutChanging()
    {
        var org = await CreateAsync();
        const string index = "/organisation-planning/self-assessment";
        var division = await StartAsync(org.Planning.Admin, index, Fields(("Input.Scope", org.Planning.DivisionId.ToString()), ("Input.HeldOn", "2026-06-01")));
        var whole = await StartAsync(org.Board, index, Fields(("Input.Scope", "organisation"), ("Input.HeldOn", "2026-06-01")));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Board.SubmitFormAsync(whole + "/challenges/1", Fields(("Input.Rating", "3")))).StatusCode);

        var read = await org.Board.GetPageAsync(division + "/challenges/1");
        Assert.Empty(read.QuerySelectorAll("main form"));
        Assert.Contains("Where things stand", read.MainText());
        var post = await org.Board.PostWithTokenAsync("/", division + "/challenges/1", Fields(("Input.Rating", "4")));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var refused = await org.Board.SubmitFormAsync(index, Fields(("Input.Scope", org.Planning.DivisionId.ToString()), ("Input.HeldOn", "2026-11-01")));
        Assert.NotNull((await Forms.ParseAsync(refused)).FieldError("Input_Scope"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Board, $"{index}/progress?division={org.OtherDivisionId}"));
    }

    // ---- Strategy and division plans ----

    [Fact]
    public async Task DivisionLead_DivisionPlan_ManagesTheirsAndOtherDivisionIsNotFound()
    {
        var org = await CreateAsync();
        var mine = $"/organisation-planning/divisions/{org.Planning.DivisionId}";
        var theirs = $"/organisation-planning/divisions/{org.OtherDivisionId}";
        Assert.Equal(HttpStatusCode.Redirect, (await org.Lead.SubmitFormAsync(mine + "/plan", Fields(("Input.WellbeingMeaning", "Living well, in people's own words.")))).StatusCode);
        var added = await org.Lead.SubmitFormAsync(mine + "/actions/add", Fields(
            ("Input.Specific", "Offer a wellbeing plan at every first meeting"), ("Input.Measure", "Monthly audit"), ("Input.Owner", "Service manager"),
            ("Input.DueOn", "2027-03-01"), ("Input.Status", "InProgress")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var division = await org.Lead.GetPageAsync(mine);
        Assert.Contains("Offer a wellbeing plan at every first meeting", division.MainText());
        var actionId = await app.WithDbAsync(db => db.Set<SmartAction>().Where(a => a.Plan!.DivisionId == org.Planning.DivisionId).Select(a => a.Id).SingleAsync());
        var form = Fields(("Input.Specific", "Offer a wellbeing plan at every first meeting"), ("Input.Measure", "Monthly audit"), ("Input.Owner", "Service manager"),
            ("Input.DueOn", "2027-03-01"), ("Input.Status", "Done"));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Lead.SubmitFormAsync($"{mine}/actions/{actionId}", form)).StatusCode);
        Assert.Equal(WorkStatus.Done, await app.WithDbAsync(db => db.Set<SmartAction>().Where(a => a.Id == actionId).Select(a => a.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, theirs));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, theirs + "/plan"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, theirs + "/actions/add"));
        // Another division's id in the route with this division's action: still not found.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, $"{theirs}/actions/{actionId}"));
        var post = await org.Lead.PostWithTokenAsync("/", theirs + "/actions/add", form);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var list = await org.Lead.GetPageAsync("/organisation-planning/divisions");
        Assert.DoesNotContain("Forensic Services", list.MainText());
    }

    [Fact]
    public async Task DivisionLead_StrategyAndBoardRollUp_ReadOnly()
    {
        var org = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Lead, "/organisation-planning/board"));
        var strategy = await org.Lead.GetPageAsync("/organisation-planning/strategy");
        Assert.Empty(strategy.QuerySelectorAll("main form"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, "/organisation-planning/strategy/tasks/add"));
        var phase = await org.Lead.PostWithTokenAsync("/", "/organisation-planning/strategy?handler=Phase", Fields(("Input.Phase", "Execute")));
        Assert.Equal(HttpStatusCode.NotFound, phase.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Set<StrategyProgress>().FirstOrDefaultAsync(p => p.OrganisationId == org.Planning.OrganisationId)));
    }

    [Fact]
    public async Task BoardMember_DivisionPlans_ReadEveryDivisionButChangeNothing()
    {
        var org = await CreateAsync();
        var mine = $"/organisation-planning/divisions/{org.Planning.DivisionId}";
        await org.Planning.Admin.SubmitFormAsync(mine + "/plan", Fields(("Input.WellbeingMeaning", "Living well, in people's own words.")));
        var page = await org.Board.GetPageAsync(mine);
        Assert.Contains("Living well, in people's own words.", page.MainText());
        Assert.Null(page.QuerySelector($"a[href='{mine}/plan']"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Board, $"/organisation-planning/divisions/{org.OtherDivisionId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Board, mine + "/plan"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Board, mine + "/actions/add"));
        var post = await org.Board.PostWithTokenAsync("/", mine + "/plan", Fields(("Input.WellbeingMeaning", "Changed by the board")));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Board, "/organisation-planning/board"));
    }

    // ---- Care-plan quality audits ----

    [Fact]
    public async Task DivisionLead_QualityAudit_BaselineAndReAuditOfTheirDivisionComparedAfterCompleting()
    {
        var org = await CreateAsync();
        const string index = "/organisation-planning/quality-audits";
        var baseline = await StartAsync(org.Lead, index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"),
            ("Input.Scope", $"division:{org.Planning.DivisionId}"), ("Input.SampleSize", "3")));
        var round = await org.Lead.GetPageAsync(baseline);
        Assert.Equal(3, round.QuerySelectorAll("#sample tbody tr").Length);
        Assert.Contains("In progress", round.QuerySelector("#status")!.TextContent);
        Assert.DoesNotContain("Lead Division Person", round.Source.Text);
        var plan = await org.Lead.GetPageAsync(baseline + "/plans/1");
        Assert.Null(plan.QuerySelector("form[action*='handler=Open']"));
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await org.Lead.SubmitFormAsync($"{baseline}/plans/{n}", Fields(("Input[0].Answer", "No")))).StatusCode);
        }

        // A re-audit needs a completed baseline: not offered, and refused by name, until then.
        var baselineId = baseline.Split('/').Last();
        var early = await org.Lead.SubmitFormAsync(index, Fields(("Input.Kind", baselineId), ("Input.HeldOn", "2026-11-01"), ("Input.SameSample", "true")));
        Assert.Contains("Complete the baseline", (await Forms.ParseAsync(early)).FieldError("Input_Kind"));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Lead.CompleteAuditAsync(baseline)).StatusCode);
        Assert.Contains("Completed", (await org.Lead.GetPageAsync(baseline)).QuerySelector("#status")!.TextContent);

        var reAudit = await StartAsync(org.Lead, index, Fields(("Input.Kind", baselineId), ("Input.HeldOn", "2026-11-01"), ("Input.SameSample", "true")));
        for (var n = 1; n <= 3; n++)
        {
            await org.Lead.SubmitFormAsync($"{reAudit}/plans/{n}", Fields(("Input[0].Answer", "Yes")));
        }
        var page = await org.Lead.GetPageAsync(reAudit);
        var goals = page.QuerySelectorAll("#summary tbody tr").Single(r => r.TextContent.Contains("Goals in the person's own words"));
        Assert.Contains("Up 100 points", goals.TextContent);
        Assert.Contains("The same plans as the baseline", page.QuerySelector("#how-chosen")!.TextContent);
    }

    [Fact]
    public async Task DivisionLead_QualityAudit_OtherDivisionTeamOrWholeOrganisationRefused()
    {
        var org = await CreateAsync();
        const string index = "/organisation-planning/quality-audits";
        foreach (var scope in new[] { "organisation", $"division:{org.OtherDivisionId}", $"team:{org.OtherTeamId}" })
        {
            var refused = await org.Lead.SubmitFormAsync(index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.Scope", scope), ("Input.SampleSize", "3")));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await Forms.ParseAsync(refused)).FieldError("Input_Scope"));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<QualityAuditRound>().CountAsync(r => r.OrganisationId == org.Planning.OrganisationId)));

        var other = await StartAsync(org.Planning.Admin, index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"),
            ("Input.Scope", $"team:{org.OtherTeamId}"), ("Input.SampleSize", "3")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, other));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, other + "/plans/1"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, other + "/delete"));
        Assert.Equal(HttpStatusCode.NotFound, (await org.Lead.PostWithTokenAsync("/", other + "/plans/1", Fields(("Input[0].Answer", "Yes")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Lead.PostWithTokenAsync("/", other + "?handler=Complete", Fields(("confirmed", "true")))).StatusCode);
        Assert.DoesNotContain("Oak House", (await org.Lead.GetPageAsync(index)).MainText());
        Assert.Equal(QualityAuditStatus.InProgress, await app.WithDbAsync(db => db.Set<QualityAuditRound>().Where(r => r.TeamId == org.OtherTeamId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task BoardMember_QualityAudits_ReadEveryRoundButStartAnswerAndCompleteNothing()
    {
        var org = await CreateAsync();
        const string index = "/organisation-planning/quality-audits";
        var round = await StartAsync(org.Planning.Admin, index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"),
            ("Input.Scope", "organisation"), ("Input.SampleSize", "6")));
        var list = await org.Board.GetPageAsync(index);
        Assert.Empty(list.QuerySelectorAll("main form"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Board, round));
        var plan = await org.Board.GetPageAsync(round + "/plans/1");
        Assert.Empty(plan.QuerySelectorAll("main form"));
        Assert.NotNull(plan.QuerySelector("#read-only"));
        Assert.Equal(HttpStatusCode.NotFound, (await org.Board.PostWithTokenAsync("/", round + "/plans/1", Fields(("Input[0].Answer", "Yes")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Board.PostWithTokenAsync("/", round + "?handler=Complete", Fields(("confirmed", "true")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Board.PostWithTokenAsync("/", index, Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"), ("Input.SampleSize", "3")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Board, round + "/delete"));
    }

    [Fact]
    public async Task CompletedAudit_SavingAnAnswer_RefusedAndAnswersUnchanged()
    {
        var org = await CreateAsync();
        var round = await StartAsync(org.Planning.Admin, "/organisation-planning/quality-audits", Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"),
            ("Input.Scope", "organisation"), ("Input.SampleSize", "2")));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Planning.Admin.CompleteAuditAsync(round)).StatusCode);
        var page = await org.Planning.Admin.GetPageAsync(round + "/plans/1");
        Assert.Empty(page.QuerySelectorAll("main form"));
        var post = await org.Planning.Admin.PostWithTokenAsync(round, round + "/plans/1", Fields(("Input[0].Answer", "Yes")));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("This audit is complete", (await Forms.ParseAsync(post)).ErrorSummary().Single());
        var roundId = Guid.Parse(round.Split('/').Last());
        Assert.Null(await app.WithDbAsync(db => db.Set<QualityAuditPlan>().Where(p => p.RoundId == roundId && p.Number == 1).Select(p => p.UpdatedAt).SingleAsync()));
    }

    [Fact]
    public async Task NewSample_RecordedSeed_RedrawingGivesTheSamePlansInTheSameOrder()
    {
        var org = await CreateAsync();
        var round = await StartAsync(org.Planning.Admin, "/organisation-planning/quality-audits", Fields(("Input.Kind", "baseline"), ("Input.HeldOn", "2026-05-01"),
            ("Input.Scope", "organisation"), ("Input.SampleSize", "4")));
        var roundId = Guid.Parse(round.Split('/').Last());
        var stored = await app.WithDbAsync(db => db.Set<QualityAuditRound>().Include(r => r.Plans).SingleAsync(r => r.Id == roundId));
        Assert.NotNull(stored.SampleSeed);
        Assert.Equal(6, stored.EligibleCount);
        var eligible = await app.WithDbAsync(db => AuditCriteria.EligibleAsync(db, org.Planning.OrganisationId, null, null, app.Time.GetUtcNow(), CancellationToken.None));
        var redrawn = AuditCriteria.Draw(eligible, 4, stored.SampleSeed!.Value).Select(s => s.PersonId).ToList();
        Assert.Equal(stored.Plans.OrderBy(p => p.Number).Select(p => p.PersonId).ToList(), redrawn);
        var page = await org.Planning.Admin.GetPageAsync(round);
        Assert.Contains($"4 of the 6 people", page.QuerySelector("#how-chosen")!.TextContent);
        Assert.Contains(stored.SampleSeed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#how-chosen")!.TextContent);
    }

    // ---- Making It Real, peer workforce, the index ----

    [Fact]
    public async Task BothRoles_MakingItReal_ReadButNotRateOrChangePriorities()
    {
        var org = await CreateAsync();
        foreach (var client in new[] { org.Lead, org.Board })
        {
            var page = await client.GetPageAsync("/organisation-planning/making-it-real");
            Assert.Null(page.QuerySelector("a[href='/organisation-planning/making-it-real/ratings/new']"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation-planning/making-it-real/ratings/new"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation-planning/making-it-real/priorities/add"));
        }
    }

    [Fact]
    public async Task PeerWorkforce_BoardReadsFiguresWithoutNames_LeadNotFound()
    {
        var org = await CreateAsync();
        var page = await org.Board.GetPageAsync("/organisation-planning/peer-workforce");
        Assert.Empty(page.QuerySelectorAll("main form button"));
        Assert.DoesNotContain("Peer support workers</th>", page.Source.Text);
        var post = await org.Board.PostWithTokenAsync("/", "/organisation-planning/peer-workforce", Fields(("Input[0].TeamId", org.Planning.TeamId.ToString()), ("Input[0].Planned", "9")));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, "/organisation-planning/peer-workforce"));
    }

    [Fact]
    public async Task RoleHolders_PersonPagesAndAdministration_NotFound()
    {
        var org = await CreateAsync();
        var personId = await app.WithDbAsync(db => db.CareEpisodes.Where(c => c.TeamId == org.Planning.TeamId).Select(c => c.PersonId).FirstAsync());
        foreach (var client in new[] { org.Lead, org.Board })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, $"/people/{personId}"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation/staff"));
            var home = await client.GetPageAsync("/organisation-planning");
            Assert.Contains("Organisation planning", home.QuerySelector("header")!.TextContent);
        }
    }

    // ---- Administrators give and remove roles ----

    [Fact]
    public async Task Admin_GivesAndRemovesRole_AccessFollowsAndEachIsAudited()
    {
        var org = await app.CreatePlanningOrgAsync();
        var staff = await app.CreateStaffAsync(org.OrganisationId, null, Roles.Staff, JobRole.Manager);
        var membership = await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == staff.UserId).Select(m => m.Id).SingleAsync());
        var roles = $"/organisation/staff/{membership}/roles";
        var client = await app.SignInAsync(staff);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation-planning"));

        var given = await org.Admin.SubmitFormAsync(roles, Fields(("Input.Role", $"division:{org.DivisionId}")));
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/organisation-planning"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"/organisation-planning/divisions/{org.DivisionId}/plan"));
        var page = await org.Admin.GetPageAsync(roles);
        Assert.Contains("Division lead: Adult Mental Health Services", page.QuerySelector("#roles")!.TextContent);

        var removeLink = page.QuerySelector("#roles a")!.GetAttribute("href")!;
        var confirm = await org.Admin.GetPageAsync(removeLink);
        Assert.Contains("Are you sure?", confirm.MainText());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/organisation-planning"));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(removeLink, Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/organisation-planning"));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Part == "staff:" + membership).Select(a => a.Action).ToListAsync());
        Assert.Equal(["organisation.role.granted.division-lead", "organisation.role.removed.division-lead"], actions);
    }

    [Fact]
    public async Task Admin_GivesRoleWithBadInput_FieldNamedMessagesAndNothingSaved()
    {
        var org = await app.CreatePlanningOrgAsync();
        var (otherOrg, _) = await app.CreateOrganisationAsync();
        var otherDivision = await app.WithDbAsync(db => db.Divisions.Where(d => d.OrganisationId == otherOrg).Select(d => d.Id).SingleAsync());
        var staff = await app.CreateStaffAsync(org.OrganisationId, null, Roles.Staff, JobRole.Manager);
        var membership = await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == staff.UserId).Select(m => m.Id).SingleAsync());
        var roles = $"/organisation/staff/{membership}/roles";
        var cases = new (string Value, string Message)[]
        {
            ("", "Choose a role to give them"),
            ("chair", "Choose a role from the list: board member, or lead of one of your divisions"),
            ($"division:{otherDivision}", "Choose a role from the list: board member, or lead of one of your divisions"),
            ("division:not-a-guid", "Choose a role from the list: board member, or lead of one of your divisions"),
        };
        foreach (var (value, message) in cases)
        {
            var response = await org.Admin.PostWithTokenAsync(roles, roles, Fields(("Input.Role", value)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(message, (await Forms.ParseAsync(response)).FieldError("Input_Role"));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await org.Admin.SubmitFormAsync(roles, Fields(("Input.Role", "board")))).StatusCode);
        var again = await org.Admin.PostWithTokenAsync(roles, roles, Fields(("Input.Role", "board")));
        Assert.Contains("already has this role", (await Forms.ParseAsync(again)).FieldError("Input_Role"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<OrganisationRole>().CountAsync(r => r.StaffMembershipId == membership)));
    }

    [Fact]
    public async Task MembershipEnded_RoleHolder_LosesAccessAndRolesEndAudited()
    {
        var org = await CreateAsync();
        var membership = await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == org.LeadActor.UserId).Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(org.Lead, "/organisation-planning"));
        Assert.Equal(HttpStatusCode.Redirect, (await org.Planning.Admin.SubmitFormAsync($"/organisation/staff/{membership}/end", Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, "/organisation-planning"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, $"/organisation-planning/divisions/{org.Planning.DivisionId}"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<OrganisationRole>().CountAsync(r => r.StaffMembershipId == membership)));
        Assert.Contains("organisation.role.ended.division-lead", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Part == "staff:" + membership).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task RoleHolder_RolesPage_NotFound()
    {
        var org = await CreateAsync();
        var membership = await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == org.LeadActor.UserId).Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Lead, $"/organisation/staff/{membership}/roles"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(org.Board, $"/organisation/staff/{membership}/roles"));
    }
}
