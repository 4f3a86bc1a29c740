using System.Net;
using System.Text.RegularExpressions;
using LivingBetter.Tests.OrganisationPlanning;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Outcomes;

public sealed partial class OutcomeReportTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Page = "/organisation-planning/outcomes";
    private static readonly LifeDomain Mental = DefaultDomains.All[0];
    private static readonly LifeDomain Money = DefaultDomains.All[4];

    /// <summary>Adds people the team supports, each with two check-ins: Mental wellbeing first and latest as given, Money low with help asked for.</summary>
    private async Task AddPeopleAsync(Guid teamId, int count, int first, int latest, string gender = "Woman",
        bool optedOut = false, bool ended = false, bool moneyGoal = false)
    {
        await app.WithDbAsync(async db =>
        {
            var start = app.Time.GetUtcNow().AddDays(-60);
            for (var i = 0; i < count; i++)
            {
                var person = new Person { Id = Guid.NewGuid(), PreferredName = "Someone", BirthYear = 1980, Gender = gender, Ethnicity = "Any", OptedOutOfReporting = optedOut, CreatedAt = start };
                db.Add(person);
                db.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teamId, StartedAt = start, EndedAt = ended ? start.AddDays(1) : null });
                foreach (var (at, rating) in new[] { (start, first), (start.AddDays(30), latest) })
                {
                    var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = person.Id, At = at.AddMinutes(i), RecordedByUserId = Guid.NewGuid() };
                    checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Mental.Id, Rating = rating });
                    checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Money.Id, Rating = 2, WantsHelp = true });
                    db.Add(checkIn);
                }
                if (moneyGoal)
                {
                    var plan = new Plan { Id = Guid.NewGuid(), PersonId = person.Id, Kind = PlanKind.Wellbeing, CreatedAt = start, UpdatedAt = start };
                    plan.Sections.Add(new PlanSection
                    {
                        Id = Guid.NewGuid(),
                        Key = "goals",
                        State = SectionState.Started,
                        UpdatedAt = start,
                        Content = $$"""{"items":[{"id":"{{Guid.NewGuid()}}","words":"Sort out my bills","domainKey":"{{Money.Key}}"}]}"""
                    });
                    db.Add(plan);
                }
            }
            await db.SaveChangesAsync();
        });
    }

    private static IReadOnlyList<string> Cells(AngleSharp.Dom.IDocument page, string caption, string rowHeader) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == rowHeader)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Report_TwelvePeopleBetter_CountRoundedToFiveAndShownAsAllBetter()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 12, first: 3, latest: 7);

        var page = await org.Admin.GetPageAsync(Page);

        var cells = Cells(page, "Change since the first check-in, by area of life (table)", Mental.Name);
        Assert.Equal(["10", "10 (100%)", "fewer than 8 (not shown)", "fewer than 8 (not shown)", "+4.0"], cells);
        Assert.Contains(Mental.Name, page.QuerySelector(".nhsuk-card ol")!.TextContent);
        Assert.NotNull(page.QuerySelector("figure svg[role=img] title"));
    }

    [Fact]
    public async Task Report_OptedOutAndEndedEpisodesLeftOut_GroupUnderEightSuppressed()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 7, first: 3, latest: 7);
        await AddPeopleAsync(org.TeamId, 5, first: 3, latest: 7, optedOut: true);
        await AddPeopleAsync(org.TeamId, 5, first: 3, latest: 7, ended: true);

        var page = await org.Admin.GetPageAsync(Page);

        Assert.Equal(["fewer than 8"], Cells(page, "People counted", "Everyone"));
        var cells = Cells(page, "Change since the first check-in, by area of life (table)", Mental.Name);
        Assert.All(cells.Take(4), c => Assert.StartsWith("fewer than 8", c, StringComparison.Ordinal));
        Assert.Equal("not shown", cells[4]);
        Assert.Contains("fewer than 8 people: not shown", page.QuerySelector("figure svg")!.TextContent);
    }

    [Fact]
    public async Task UnmetNeed_LowRatingWithHelpAskedAndNoGoal_CountedOnlyWithoutAGoal()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 10, first: 5, latest: 5);
        await AddPeopleAsync(org.TeamId, 10, first: 5, latest: 5, moneyGoal: true);

        var page = await org.Admin.GetPageAsync(Page);

        Assert.Equal(["20", "10 (50%)"], Cells(page, "Unmet need by area of life (table)", Money.Name));
        Assert.Equal(["20", "fewer than 8 (not shown)"], Cells(page, "Unmet need by area of life (table)", Mental.Name));
    }

    [Fact]
    public async Task UnmetNeed_GoalWrittenLaterThenChangedToAnotherArea_ReportFollowsAtOnce()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 10, first: 5, latest: 5);
        Assert.Equal(["10", "10 (100%)"], Cells(await org.Admin.GetPageAsync(Page), "Unmet need by area of life (table)", Money.Name));
        string GoalFor(string key) => $$"""{"items":[{"id":"{{Guid.NewGuid()}}","words":"A goal","domainKey":"{{key}}"}]}""";

        // Each person writes a goal about money in a save of its own, after their check-ins: their need is no longer unmet.
        await app.WithDbAsync(async db =>
        {
            var people = await db.CareEpisodes.Where(e => e.TeamId == org.TeamId).Select(e => e.PersonId).ToListAsync();
            foreach (var person in people)
            {
                var now = app.Time.GetUtcNow();
                var plan = new Plan { Id = Guid.NewGuid(), PersonId = person, Kind = PlanKind.Wellbeing, CreatedAt = now, UpdatedAt = now };
                plan.Sections.Add(new PlanSection { Id = Guid.NewGuid(), Key = "goals", State = SectionState.Started, UpdatedAt = now, Content = GoalFor(Money.Key) });
                db.Add(plan);
            }
            await db.SaveChangesAsync();
        });
        Assert.Equal(["10", "fewer than 8 (not shown)"], Cells(await org.Admin.GetPageAsync(Page), "Unmet need by area of life (table)", Money.Name));

        // They change the goal to another area of life: the need about money is unmet again.
        await app.WithDbAsync(async db =>
        {
            var sections = await db.PlanSections.Where(s => s.Key == "goals" && db.CareEpisodes.Any(e => e.TeamId == org.TeamId && e.PersonId == s.Plan!.PersonId)).ToListAsync();
            foreach (var section in sections)
            {
                section.Content = GoalFor(Mental.Key);
            }
            await db.SaveChangesAsync();
        });
        Assert.Equal(["10", "10 (100%)"], Cells(await org.Admin.GetPageAsync(Page), "Unmet need by area of life (table)", Money.Name));
    }

    [Fact]
    public async Task Breakdown_ByGenderWithFilter_OneTablePerGroupSmallGroupSuppressed()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 9, first: 6, latest: 4, gender: "Man");
        await AddPeopleAsync(org.TeamId, 3, first: 6, latest: 8, gender: "Non-binary");

        var page = await org.Admin.GetPageAsync($"{Page}?by=Gender&division={org.DivisionId}&age=");

        Assert.Equal(["10", "fewer than 8 (not shown)", "fewer than 8 (not shown)", "10 (100%)", "-2.0"],
            Cells(page, "Man: change since the first check-in (table)", Mental.Name));
        Assert.Equal(["fewer than 8"], Cells(page, "People counted", "Non-binary"));
    }

    [Fact]
    public async Task Csv_Export_SameSuppressionNoCountUnderEightAndAudited()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 11, first: 3, latest: 7);
        await AddPeopleAsync(org.TeamId, 2, first: 7, latest: 3);

        var response = await org.Admin.GetAsync($"{Page}?handler=csv&by=Team");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("wheel: first and latest,Test Community Team,Mental wellbeing,15,10,fewer than 8,fewer than 8,", csv);
        foreach (Match number in WholeNumberCell().Matches(csv))
        {
            var n = int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(n >= 8 && n % 5 == 0, $"count {n} in the CSV");
        }
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorUserId == org.AdminActor.UserId).Select(a => new { a.Action, a.PersonId }).ToListAsync());
        Assert.Contains(actions, a => a.Action == "outcomes.report.export" && a.PersonId == null);
    }

    [Fact]
    public async Task Report_Read_AuditedAsOrganisationEventWithoutPerson()
    {
        var org = await app.CreatePlanningOrgAsync();

        await org.Admin.GetPageAsync(Page);

        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorUserId == org.AdminActor.UserId && a.Action == "outcomes.report.read").SingleAsync());
        Assert.Null(entry.PersonId);
        Assert.Equal("Organisation", entry.Part);
    }

    [Fact]
    public async Task Measure_TwelveImprovedBeyondThreshold_MeanChangeAndReliableImprovementShown()
    {
        var org = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(org.TeamId, 12, first: 5, latest: 5);
        await app.WithDbAsync(async db =>
        {
            var measure = new MeasureDefinition
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.OrganisationId,
                Code = "SW",
                Title = "Short wellbeing",
                Enabled = true,
                DefinitionJson = Measures.MeasureFixtures.Questionnaire(7),
                ScoringJson = Measures.MeasureFixtures.ShortWellbeingScoring(),
                CreatedAt = app.Time.GetUtcNow(),
                CreatedByUserId = Guid.NewGuid(),
            };
            db.Add(measure);
            var people = await db.CareEpisodes.Where(e => e.TeamId == org.TeamId).Select(e => e.PersonId).ToListAsync();
            foreach (var (personId, i) in people.Select((p, i) => (p, i)))
            {
                // Ten people gain 4 points (the threshold is 3); two gain 1.
                var gain = i < 10 ? 4m : 1m;
                db.Add(new MeasureResponse { Id = Guid.NewGuid(), PersonId = personId, MeasureDefinitionId = measure.Id, At = app.Time.GetUtcNow().AddDays(-50), RawScore = 20, MetricScore = 20 });
                db.Add(new MeasureResponse { Id = Guid.NewGuid(), PersonId = personId, MeasureDefinitionId = measure.Id, At = app.Time.GetUtcNow().AddDays(-5), RawScore = 20 + gain, MetricScore = 20 + gain });
            }
            await db.SaveChangesAsync();
        });

        var page = await org.Admin.GetPageAsync(Page);

        Assert.Equal(["Everyone", "10", "+3.5", "10 (100%)", "fewer than 8 (not shown)"], Cells(page, "Change on each outcome measure", "Short wellbeing"));
    }

    [Theory]
    [InlineData("division", "Division", "Select a division from the list")]
    [InlineData("team", "Team", "Select a team from the list")]
    [InlineData("by", "By", "Select what to break the report down by from the list")]
    [InlineData("age", "Age", "Select an age band from the list")]
    public async Task Filter_AnotherOrganisationsOrMadeUpValue_FieldErrorAndNoFigures(string key, string field, string message)
    {
        var org = await app.CreatePlanningOrgAsync();
        var other = await app.CreatePlanningOrgAsync();
        await AddPeopleAsync(other.TeamId, 12, first: 3, latest: 7);
        var value = key switch { "division" => other.DivisionId.ToString(), "team" => other.TeamId.ToString(), "by" => "7", _ => "<script>" };

        var response = await org.Admin.GetAsync($"{Page}?{key}={Uri.EscapeDataString(value)}");
        var page = await Forms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError(field));
        Assert.Null(page.QuerySelector("figure"));
    }

    // A CSV cell that is only a whole number.
    [GeneratedRegex(@"(?<=^|,)(\d+)(?=,|\r?$)", RegexOptions.Multiline)]
    private static partial Regex WholeNumberCell();
}
