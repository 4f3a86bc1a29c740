using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LivingBetter.Web.Features.Outcomes;

namespace LivingBetter.Tests.Outcomes;

/// <summary>
/// Over generated cohorts (people in groups, with first and latest ratings, unmet need and measure
/// change), aggregated the way the database does and built into a report: no table cell, chart bar or
/// CSV cell ever shows a count below 8 or a count not rounded to 5, and every percentage comes from
/// rounded counts only.
/// </summary>
public sealed partial class SmallNumberPropertyTests
{
    public sealed record GeneratedPerson(int Group, int Domain, int First, int Latest, bool Unmet, int MeasureChange);

    private static readonly DomainInfo[] Domains = [.. Enumerable.Range(0, 4).Select(i => new DomainInfo(new Guid(i + 1, 0, 0, new byte[8]), "d" + i, "Area " + i, i))];
    private static readonly MeasureInfo Measure = new(Guid.NewGuid(), "A measure", 5m, true);

    public static Arbitrary<GeneratedPerson[]> Cohorts() =>
        (from n in Gen.Choose(0, 400)
         from people in Gen.ArrayOf(
             from g in Gen.Choose(0, 5)
             from d in Gen.Choose(0, 3)
             from first in Gen.Choose(1, 10)
             from latest in Gen.Choose(1, 10)
             from unmet in Gen.Elements(true, false)
             from change in Gen.Choose(-20, 20)
             select new GeneratedPerson(g, d, first, latest, unmet, change), n)
         select people).ToArbitrary();

    private static OutcomeReport Build(GeneratedPerson[] people)
    {
        // Small groups are common on purpose: group 5 only ever gets a handful of people.
        var cohort = people.GroupBy(p => "Group " + p.Group).Select(g => new CohortRaw(g.Key, g.Count())).ToList();
        var domains = people.GroupBy(p => (p.Group, p.Domain)).Select(g => new DomainRaw("Group " + g.Key.Group, Domains[g.Key.Domain].Id, g.Count(),
            g.Count(p => p.Latest > p.First), g.Count(p => p.Latest == p.First), g.Count(p => p.Latest < p.First), g.Sum(p => p.Latest - p.First))).ToList();
        var unmet = people.GroupBy(p => (p.Group, p.Domain)).Select(g => new UnmetRaw("Group " + g.Key.Group, Domains[g.Key.Domain].Id, g.Count(), g.Count(p => p.Unmet))).ToList();
        var measures = people.GroupBy(p => p.Group).Select(g => new MeasureRaw("Group " + g.Key, Measure.Id, g.Count(),
            g.Count(p => p.MeasureChange >= 5), g.Count(p => p.MeasureChange <= -5), g.Sum(p => p.MeasureChange))).ToList();
        return OutcomeReport.Build(cohort, domains, measures, unmet, Domains, [Measure]);
    }

    private static bool Allowed(ShownCount c) => c.Suppressed || (c.Rounded >= SmallNumbers.Minimum && c.Rounded % SmallNumbers.RoundTo == 0);

    private static bool FromRounded(int? percent, ShownCount part, ShownCount whole) =>
        percent is null || (!part.Suppressed && !whole.Suppressed && percent == (int)Math.Round(100.0 * part.Rounded!.Value / whole.Rounded!.Value, MidpointRounding.AwayFromZero));

    [Property(Arbitrary = [typeof(SmallNumberPropertyTests)], MaxTest = 300)]
    public bool EveryCount_InEveryTable_SuppressedOrRoundedToFiveAndAtLeastEight(GeneratedPerson[] people)
    {
        var report = Build(people);
        var counts = report.Groups.Select(g => g.People)
            .Concat(report.Domains.SelectMany(d => new[] { d.People, d.Improved, d.Unchanged, d.Worse }))
            .Concat(report.Measures.SelectMany(m => new[] { m.People, m.ReliableImprovement, m.ReliableDeterioration }))
            .Concat(report.Unmet.SelectMany(u => new[] { u.Rated, u.Unmet }));
        return counts.All(Allowed);
    }

    [Property(Arbitrary = [typeof(SmallNumberPropertyTests)], MaxTest = 300)]
    public bool EveryPercentAndMean_ShownOnlyFromCountsThatMayBeShown(GeneratedPerson[] people)
    {
        var report = Build(people);
        return report.Domains.All(d => FromRounded(d.ImprovedPercent, d.Improved, d.People) && FromRounded(d.UnchangedPercent, d.Unchanged, d.People)
                   && FromRounded(d.WorsePercent, d.Worse, d.People) && (d.MeanChange is null || !d.People.Suppressed))
            && report.Unmet.All(u => FromRounded(u.UnmetPercent, u.Unmet, u.Rated))
            && report.Measures.All(m => FromRounded(m.ImprovementPercent, m.ReliableImprovement, m.People)
                && FromRounded(m.DeteriorationPercent, m.ReliableDeterioration, m.People) && (m.MeanChange is null || !m.People.Suppressed))
            && report.MostImpact.All(h => report.Domains.Any(d => d.Group == h.Group && d.Domain == h.Domain && !d.People.Suppressed && !d.Improved.Suppressed))
            && report.MostUnmet.All(h => report.Unmet.Any(u => u.Group == h.Group && u.Domain == h.Domain && !u.Unmet.Suppressed));
    }

    [Property(Arbitrary = [typeof(SmallNumberPropertyTests)], MaxTest = 300)]
    public bool EveryCountInTheCsv_SuppressedOrRoundedToFiveAndAtLeastEight(GeneratedPerson[] people)
    {
        var csv = Build(people).ToCsv("generated");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(3);
        foreach (var line in lines)
        {
            // Columns 4 to 7 are counts; 8 to 10 percentages; 11 a mean.
            var cells = line.Split(',');
            foreach (var cell in cells.Skip(3).Take(4).Where(c => c.Length > 0))
            {
                if (cell != SmallNumbers.SuppressedText && !(int.TryParse(cell, out var n) && n >= SmallNumbers.Minimum && n % SmallNumbers.RoundTo == 0))
                {
                    return false;
                }
            }
        }
        return true;
    }

    [Property(Arbitrary = [typeof(SmallNumberPropertyTests)], MaxTest = 200)]
    public bool EveryChartBar_ShowsOnlyPercentagesFromTheReport(GeneratedPerson[] people)
    {
        var report = Build(people);
        foreach (var group in report.Domains.GroupBy(d => d.Group))
        {
            var svg = OutcomeChart.Render("c", "t", "d", [OutcomeChart.Improved, OutcomeChart.Unchanged, OutcomeChart.Worse],
                group.Select(r => new OutcomeChart.Bar(r.Domain, r.ImprovedPercent is null ? null : [r.ImprovedPercent.Value, r.UnchangedPercent ?? 0, r.WorsePercent ?? 0])).ToList());
            var allowed = group.SelectMany(r => new[] { r.ImprovedPercent, r.UnchangedPercent, r.WorsePercent }).OfType<int>().Append(0).Append(25).Append(50).Append(75).Append(100).ToHashSet();
            if (PercentText().Matches(svg).Any(m => !allowed.Contains(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                return false;
            }
            if (group.Any(r => r.People.Suppressed) && !svg.Contains(SmallNumbers.SuppressedText, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    [Theory]
    [InlineData(0, "fewer than 8")]
    [InlineData(7, "fewer than 8")]
    [InlineData(8, "10")]
    [InlineData(12, "10")]
    [InlineData(13, "15")]
    [InlineData(1234, "1,235")]
    public void Count_Boundaries_SuppressedOrRounded(int people, string shown) =>
        Assert.Equal(shown, SmallNumbers.Count(people).ToString());

    [GeneratedRegex(@"(\d+)%")]
    private static partial Regex PercentText();
}
