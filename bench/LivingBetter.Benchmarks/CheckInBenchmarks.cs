using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Measures;

namespace LivingBetter.Benchmarks;

/// <summary>
/// Work on the check-in pages: reading and scoring a measure definition loaded as data (placeholder
/// wording, the short wellbeing scale's conversion figures), and drawing the wheel and a domain's trend
/// as SVG for eighteen months of check-ins.
/// </summary>
[MemoryDiagnoser]
public class CheckInBenchmarks
{
    private static readonly decimal[] Metric =
    [
        7.00m, 9.51m, 11.25m, 12.40m, 13.33m, 14.08m, 14.75m, 15.32m, 15.84m, 16.36m, 16.88m, 17.43m, 17.98m, 18.59m, 19.25m,
        19.98m, 20.73m, 21.54m, 22.35m, 23.21m, 24.11m, 25.03m, 26.02m, 27.03m, 28.13m, 29.31m, 30.70m, 32.55m, 35.00m,
    ];

    private string _questionnaireJson = "";
    private string _scoringJson = "";
    private ScoringDefinition _scoring = null!;
    private Dictionary<string, decimal> _answers = [];
    private WheelPicture _wheel = null!;
    private TrendPicture _trend = null!;

    [GlobalSetup]
    public void Setup()
    {
        _questionnaireJson = JsonSerializer.Serialize(new
        {
            resourceType = "Questionnaire",
            title = "Placeholder measure",
            item = Enumerable.Range(1, 7).Select(i => new
            {
                linkId = $"q{i}",
                text = $"Item {i}",
                type = "choice",
                answerOption = Enumerable.Range(1, 5).Select(v => new
                {
                    valueCoding = new { code = $"{v}", display = $"Option {v}" },
                    extension = new[] { new { url = "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal = (decimal)v } },
                }),
            }),
        });
        _scoringJson = JsonSerializer.Serialize(new
        {
            method = "sum",
            items = Enumerable.Range(1, 7).Select(i => $"q{i}"),
            reversed = new[] { new { linkId = "q7", min = 1, max = 5 } },
            subscales = new[] { new { key = "a", method = "mean", items = new[] { "q1", "q2", "q3" } } },
            minimumAnswered = 6,
            conversion = Metric.Select((m, i) => new { raw = 7 + i, metric = m }),
            reliableChange = 3,
        });
        var (q, _) = ScoringEngine.ParseQuestionnaire(_questionnaireJson);
        _scoring = ScoringEngine.ParseScoring(_scoringJson, q).Scoring!;
        _answers = Enumerable.Range(1, 7).ToDictionary(i => $"q{i}", i => (decimal)(i % 5 + 1));

        var domains = DefaultDomains.All.Select(d => d.Name).ToList();
        var random = new Random(4);
        List<int?> Ratings() => domains.Select(_ => random.Next(10) == 0 ? (int?)null : random.Next(1, 11)).ToList();
        _wheel = new WheelPicture("wheel", "Wellbeing wheel", domains, 1, 10,
            [new("Latest", Ratings(), 1, 10), new("Last time", Ratings(), 1, 10), new("First", Ratings(), 1, 10)]);
        var start = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
        _trend = new TrendPicture("trend", "Money over time", 1, 10, Enumerable.Range(0, 18)
            .Select(m => new TrendPoint(start.AddMonths(m), random.Next(8) == 0 ? null : random.Next(1, 11), m % 4 == 0 ? random.Next(1, 11) : null, 1, 10)).ToList());
    }

    [Benchmark(Description = "Measure: read and check definition + scoring rule")]
    public ScoringDefinition? ParseMeasure()
    {
        var (q, _) = ScoringEngine.ParseQuestionnaire(_questionnaireJson);
        return ScoringEngine.ParseScoring(_scoringJson, q).Scoring;
    }

    [Benchmark(Description = "Measure: score one response (reversed, subscale, table)")]
    public ScoreResult Score() => ScoringEngine.Score(_scoring, _answers);

    [Benchmark(Description = "SVG: wheel, 10 domains × 3 check-ins")]
    public string Wheel() => WheelSvg.Wheel(_wheel);

    [Benchmark(Description = "SVG: one domain's trend, 18 check-ins")]
    public string Trend() => WheelSvg.Trend(_trend);
}
