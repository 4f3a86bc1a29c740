using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.CheckIns;

public sealed class DemoCheckInsTests
{
    [Fact]
    public async Task DemoSeed_GivesAlexEighteenMonthsWithAHardPatch_AndOthersVariedHistoriesWithGaps()
    {
        using var app = LivingBetterApp.WithDemoOrganisation();

        var alexUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.Person.Email));
        var history = await app.WithDbAsync(db => db.CheckIns.Where(c => c.Person!.UserId == alexUser.Id).OrderBy(c => c.At)
            .Select(c => new { c.At, Mean = c.Ratings.Where(r => r.Rating != null).Average(r => (double)r.Rating!) }).ToListAsync());
        Assert.True(history.Count >= 15);
        Assert.True((history[^1].At - history[0].At).TotalDays > 480);
        var lowest = history.MinBy(h => h.Mean)!;
        Assert.True(lowest.At > history[2].At && lowest.At < history[^3].At, "Alex's hardest time is in the middle, not at the start or end.");
        Assert.True(history[^1].Mean > history[0].Mean + 1.5, "Alex ends better than they started.");

        var others = await app.WithDbAsync(db => db.CheckIns.Where(c => c.Person!.UserId != alexUser.Id)
            .Select(c => new { c.PersonId, c.At }).ToListAsync());
        var byPerson = others.GroupBy(c => c.PersonId).Select(g => g.Select(c => c.At).Order().ToList()).ToList();
        Assert.True(byPerson.Count >= 50);
        Assert.Contains(byPerson, dates => dates.Zip(dates.Skip(1)).Any(p => (p.Second - p.First).TotalDays > 75));
    }
}
