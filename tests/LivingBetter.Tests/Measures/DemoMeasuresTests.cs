using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Measures;

public sealed class DemoMeasuresTests
{
    [Fact]
    public async Task DemoSeed_GivesAlexAPlaceholderQuestionnaire_WithUpsDownsAndReliableChange()
    {
        using var app = LivingBetterApp.WithDemoOrganisation();

        var alexId = await app.WithDbAsync(db => db.People.Where(p => p.User!.Email == DemoAccounts.Person.Email).Select(p => p.Id).SingleAsync());
        var history = Assert.Single(await app.WithServicesAsync(s => s.GetRequiredService<MeasureService>().HistoryAsync(alexId)));
        Assert.Contains("placeholder", history.Title, StringComparison.OrdinalIgnoreCase);
        var verdicts = history.Results.Select(r => r.Verdict).ToList();
        Assert.Equal(ChangeVerdict.NotEnough, verdicts[0]);
        Assert.Contains(ChangeVerdict.NoReliableChange, verdicts);
        Assert.Equal(ChangeVerdict.ReliableImprovement, verdicts[^1]);
        Assert.True(history.Results.Zip(history.Results.Skip(1)).Any(p => p.Second.Metric < p.First.Metric), "Alex's scores dip as well as rise.");
    }
}
