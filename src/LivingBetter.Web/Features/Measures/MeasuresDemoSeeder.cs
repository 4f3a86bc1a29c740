using System.Text.Json;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Measures;

/// <summary>
/// A demo questionnaire loaded as data, as an administrator would load a licensed one: seven
/// placeholder items (no real measure's wording), scored by sum through a raw-to-metric table with a
/// reliable-change threshold, switched on for the demo organisation. Alex has answered it every few
/// months, so the results sit beside the wheel with real change marked.
/// </summary>
public sealed class MeasuresDemoSeeder : IDemoSeeder
{
    public int Order => 21;

    private static readonly string[] Statements =
    [
        "Placeholder item 1: looking ahead",
        "Placeholder item 2: being useful",
        "Placeholder item 3: feeling settled",
        "Placeholder item 4: handling problems",
        "Placeholder item 5: thinking clearly",
        "Placeholder item 6: feeling close to others",
        "Placeholder item 7: making up my own mind",
    ];

    private static readonly string[] Options = ["Never", "Rarely", "Some of the time", "Often", "All of the time"];

    public static string DefinitionJson => JsonSerializer.Serialize(new
    {
        resourceType = "Questionnaire",
        title = "Demo wellbeing questionnaire",
        item = Statements.Select((text, i) => new
        {
            linkId = $"q{i + 1}",
            text,
            type = "choice",
            answerOption = Options.Select((display, v) => new
            {
                valueCoding = new { code = $"{v + 1}", display },
                extension = new[] { new { url = "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal = (decimal)(v + 1) } },
            }),
        }),
    });

    // An illustrative table for demo data only: a gentle S-curve from 7 to 35, not any published measure's.
    public static string ScoringJson => JsonSerializer.Serialize(new
    {
        method = "sum",
        items = Statements.Select((_, i) => $"q{i + 1}"),
        minimumAnswered = 7,
        conversion = Enumerable.Range(7, 29).Select(raw => new
        {
            raw,
            metric = Math.Round(7m + 28m * (decimal)(0.5 + 0.5 * Math.Sin((raw - 21) / 14.0 * Math.PI / 2)), 2),
        }),
        reliableChange = 3,
        higherIsBetter = true,
    });

    public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var definition = new MeasureDefinition
        {
            Id = Guid.NewGuid(),
            OrganisationId = context.Organisation.Id,
            Code = "DEMO-7",
            Title = "Demo wellbeing questionnaire (placeholder wording)",
            DefinitionJson = DefinitionJson,
            ScoringJson = ScoringJson,
            Enabled = true,
            LicenceNote = "Demo data: placeholder items written for LivingBetter; no licence needed.",
            CreatedByUserId = context.Accounts.TryGetValue(DemoAccounts.Admin.Key, out var admin) ? admin.Id : Guid.Empty,
            CreatedAt = context.HistoryStart,
        };
        context.Db.Add(definition);
        var loaded = MeasureService.Load(definition)!;

        // Alex: low at first, better, a hard patch around months 9 to 11, then past where they started.
        var alex = context.People[0];
        (int Month, int Total)[] path = [(0, 13), (4, 18), (10, 14), (14, 21), (17, 25)];
        foreach (var (month, total) in path)
        {
            var values = new Dictionary<string, decimal>();
            var left = total;
            for (var i = 0; i < 7; i++)
            {
                var value = Math.Clamp(left - (6 - i), 1, Math.Min(5, left / (7 - i) + 1));
                values[$"q{i + 1}"] = value;
                left -= value;
            }
            var result = ScoringEngine.Score(loaded.Scoring, values);
            context.Db.Add(new MeasureResponse
            {
                Id = Guid.NewGuid(),
                PersonId = alex.Id,
                MeasureDefinitionId = definition.Id,
                At = context.HistoryStart.AddDays(month * 30.4 + 5),
                RecordedByUserId = alex.UserId ?? Guid.Empty,
                AnswersJson = JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => new { code = $"{v.Value}", value = v.Value })),
                RawScore = result.Raw,
                MetricScore = result.Metric,
                SubscaleScoresJson = JsonSerializer.Serialize(result.Subscales),
            });
        }
        return Task.CompletedTask;
    }
}
