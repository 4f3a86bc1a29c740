using LivingBetter.Tests.OrganisationPlanning;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Outcomes;

/// <summary>The report reads each person's first and latest rating from the summary, so changing the check-ins must change the report.</summary>
public sealed class OutcomeSummaryMaintenanceTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string Page = "/organisation-planning/outcomes";
    private const string ChangeTable = "Change since the first check-in, by area of life (table)";
    private static readonly LifeDomain Mental = DefaultDomains.All[0];

    /// <summary>Adds people the team supports, each with one check-in a week rating Mental wellbeing as given; returns their ids.</summary>
    private async Task<List<Guid>> AddPeopleAsync(Guid teamId, int count, params int[] ratings) =>
        await app.WithDbAsync(async db =>
        {
            var start = app.Time.GetUtcNow().AddDays(-60);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var person = new Person { Id = Guid.NewGuid(), PreferredName = "Someone", BirthYear = 1980, Gender = "Woman", Ethnicity = "Any", CreatedAt = start };
                db.Add(person);
                db.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teamId, StartedAt = start });
                for (var w = 0; w < ratings.Length; w++)
                {
                    var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = person.Id, At = start.AddDays(7 * w), RecordedByUserId = Guid.NewGuid() };
                    checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Mental.Id, Rating = ratings[w] });
                    db.Add(checkIn);
                }
                ids.Add(person.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });

    private static IReadOnlyList<string> MentalRow(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == ChangeTable)
            .QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == Mental.Name)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task CheckIns_SavedAtTheSameTimeForOnePerson_AllSaveAndTheSummaryCountsEveryOne()
    {
        var org = await app.CreatePlanningOrgAsync();
        var person = (await AddPeopleAsync(org.TeamId, 1, 4))[0];

        // Six saves at once for the same person, as from two devices and an API client: none may fail.
        var start = app.Time.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => app.WithDbAsync(async db =>
        {
            var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = person, At = start.AddMinutes(i), RecordedByUserId = Guid.NewGuid() };
            checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Mental.Id, Rating = i + 4 });
            db.Add(checkIn);
            await db.SaveChangesAsync();
        })));

        var summary = await app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().AsNoTracking().SingleAsync(s => s.PersonId == person));
        Assert.Equal(7, summary.Ratings);
        Assert.Equal(4, summary.FirstRating);
        Assert.Equal(10, summary.LatestRating);
    }

    /// <summary>Adds one check-in for the person rating Mental wellbeing, at the given time, through an ordinary save.</summary>
    private async Task CheckInAsync(Guid person, DateTimeOffset at, int rating, bool wantsHelp = false) =>
        await app.WithDbAsync(async db =>
        {
            var checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = person, At = at, RecordedByUserId = Guid.NewGuid() };
            checkIn.Ratings.Add(new CheckInRating { Id = Guid.NewGuid(), DomainId = Mental.Id, Rating = rating, WantsHelp = wantsHelp });
            db.Add(checkIn);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task CheckIns_AddedAfterTheLatestOrBackDated_LaterOnesUpdatedInPlaceOthersRebuilt()
    {
        var org = await app.CreatePlanningOrgAsync();
        var person = (await AddPeopleAsync(org.TeamId, 1, 4, 6))[0];
        Task<OutcomeDomainSummary> Summary() => app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().AsNoTracking().SingleAsync(s => s.PersonId == person));
        var latest = (await Summary()).LatestAt;
        // A marker no check-in could give (the scale is 1 to 10), written past the save hook: it survives only
        // while the row is updated in place, and a rebuild from the raw check-ins replaces it.
        await app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().Where(s => s.PersonId == person).ExecuteUpdateAsync(u => u.SetProperty(s => s.FirstRating, 99)));

        await CheckInAsync(person, latest.AddDays(1), 2, wantsHelp: true);
        var appended = await Summary();
        Assert.Equal((3, 99, 2, latest.AddDays(1), true, true),
            (appended.Ratings, appended.FirstRating, appended.LatestRating, appended.LatestAt, appended.LatestWantsHelp, appended.LatestLow));

        // At the same moment as the latest: which is "latest" is decided by the database's id order, so rebuilt.
        await CheckInAsync(person, latest.AddDays(1), 7);
        var tied = await Summary();
        Assert.Equal((4, 4), (tied.Ratings, tied.FirstRating));

        await app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().Where(s => s.PersonId == person).ExecuteUpdateAsync(u => u.SetProperty(s => s.FirstRating, 99)));
        await CheckInAsync(person, latest.AddDays(-1), 9);
        var backDated = await Summary();
        Assert.Equal((5, 4, latest.AddDays(1)), (backDated.Ratings, backDated.FirstRating, backDated.LatestAt));
    }

    [Fact]
    public async Task FirstRating_OfAnAreaNeverRatedBefore_RowAddedInPlace()
    {
        var org = await app.CreatePlanningOrgAsync();
        var person = (await AddPeopleAsync(org.TeamId, 1))[0];

        await CheckInAsync(person, app.Time.GetUtcNow().AddDays(-1), 3);

        var row = await app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().AsNoTracking().SingleAsync(s => s.PersonId == person));
        Assert.Equal((1, 3, 3, true), (row.Ratings, row.FirstRating, row.LatestRating, row.LatestLow));
    }

    [Fact]
    public async Task EditedCheckIn_LatestRatingRaised_ReportShowsEveryoneBetter()
    {
        var org = await app.CreatePlanningOrgAsync();
        var people = await AddPeopleAsync(org.TeamId, 12, 5, 5);
        Assert.Equal(["10", "fewer than 8 (not shown)", "10 (100%)", "fewer than 8 (not shown)"], (await org.Admin.GetPageAsync(Page)).Let(MentalRow).Take(4));

        await app.WithDbAsync(async db =>
        {
            var latest = await db.CheckIns.Where(c => people.Contains(c.PersonId)).GroupBy(c => c.PersonId)
                .Select(g => g.OrderByDescending(c => c.At).First().Id).ToListAsync();
            foreach (var rating in await db.CheckInRatings.Where(r => latest.Contains(r.CheckInId)).ToListAsync())
            {
                rating.Rating = 8;
            }
            await db.SaveChangesAsync();
        });

        Assert.Equal(["10", "10 (100%)", "fewer than 8 (not shown)", "fewer than 8 (not shown)", "+3.0"], (await org.Admin.GetPageAsync(Page)).Let(MentalRow));
    }

    [Fact]
    public async Task DeletedCheckIn_LatestOfThreeRemoved_ChangeMeasuredToTheOneBefore()
    {
        var org = await app.CreatePlanningOrgAsync();
        var people = await AddPeopleAsync(org.TeamId, 12, 3, 5, 7);
        Assert.Equal("+4.0", (await org.Admin.GetPageAsync(Page)).Let(MentalRow)[4]);

        await app.WithDbAsync(async db =>
        {
            var latest = await db.CheckIns.Where(c => people.Contains(c.PersonId)).GroupBy(c => c.PersonId)
                .Select(g => g.OrderByDescending(c => c.At).First().Id).ToListAsync();
            db.CheckIns.RemoveRange(await db.CheckIns.Where(c => latest.Contains(c.Id)).ToListAsync());
            await db.SaveChangesAsync();
        });

        Assert.Equal(["10", "10 (100%)", "fewer than 8 (not shown)", "fewer than 8 (not shown)", "+2.0"], (await org.Admin.GetPageAsync(Page)).Let(MentalRow));
    }

    [Fact]
    public async Task DeletedRatings_OnlyOneRatingLeft_NobodyCountedAsChanged()
    {
        var org = await app.CreatePlanningOrgAsync();
        var people = await AddPeopleAsync(org.TeamId, 12, 3, 7);

        await app.WithDbAsync(async db =>
        {
            // The person skipped the area at their latest check-in after all: the rating row goes, the check-in stays.
            var latest = await db.CheckIns.Where(c => people.Contains(c.PersonId)).GroupBy(c => c.PersonId)
                .Select(g => g.OrderByDescending(c => c.At).First().Id).ToListAsync();
            db.CheckInRatings.RemoveRange(await db.CheckInRatings.Where(r => latest.Contains(r.CheckInId)).ToListAsync());
            await db.SaveChangesAsync();
        });

        var rows = await app.WithDbAsync(db => db.Set<OutcomeDomainSummary>().Where(s => people.Contains(s.PersonId)).ToListAsync());
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal((1, 3, 3), (r.Ratings, r.FirstRating, r.LatestRating)));
    }
}

internal static class LetExtension
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
