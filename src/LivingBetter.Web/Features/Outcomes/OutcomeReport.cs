using System.Text;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>One group's figures for one area of life, as they may be shown.</summary>
public sealed record DomainRow(string Group, string Domain, ShownCount People, ShownCount Improved, ShownCount Unchanged, ShownCount Worse,
    int? ImprovedPercent, int? UnchangedPercent, int? WorsePercent, double? MeanChange);

public sealed record MeasureRow(string Group, string Measure, ShownCount People, double? MeanChange,
    ShownCount ReliableImprovement, ShownCount ReliableDeterioration, int? ImprovementPercent, int? DeteriorationPercent, bool HasThreshold);

public sealed record UnmetRow(string Group, string Domain, ShownCount Rated, ShownCount Unmet, int? UnmetPercent);

public sealed record GroupRow(string Group, ShownCount People);

/// <summary>A headline: where the most change for the better, or the most unmet need, is.</summary>
public sealed record Highlight(string Group, string Domain, int Percent);

/// <summary>
/// A report as it may leave the system: every count in it is a <see cref="ShownCount"/>, so it has
/// been through <see cref="SmallNumbers"/>. Tables, charts and CSV are all drawn from this.
/// </summary>
public sealed record OutcomeReport(
    IReadOnlyList<GroupRow> Groups,
    IReadOnlyList<DomainRow> Domains,
    IReadOnlyList<MeasureRow> Measures,
    IReadOnlyList<UnmetRow> Unmet,
    IReadOnlyList<Highlight> MostImpact,
    IReadOnlyList<Highlight> MostUnmet)
{
    public static OutcomeReport Build(
        IReadOnlyList<CohortRaw> cohort,
        IReadOnlyList<DomainRaw> domains,
        IReadOnlyList<MeasureRaw> measures,
        IReadOnlyList<UnmetRaw> unmet,
        IReadOnlyList<DomainInfo> domainInfo,
        IReadOnlyList<MeasureInfo> measureInfo)
    {
        var domainNames = domainInfo.ToDictionary(d => d.Id, d => d.Name);
        var domainOrder = domainInfo.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var measureById = measureInfo.ToDictionary(m => m.Id);
        var groups = cohort.OrderBy(c => c.Group, StringComparer.OrdinalIgnoreCase).Select(c => new GroupRow(c.Group, SmallNumbers.Count(c.People))).ToList();

        var domainRows = domains
            .Where(d => domainNames.ContainsKey(d.DomainId))
            .OrderBy(d => d.Group, StringComparer.OrdinalIgnoreCase).ThenBy(d => domainOrder[d.DomainId])
            .Select(d => new DomainRow(d.Group, domainNames[d.DomainId], SmallNumbers.Count(d.People),
                SmallNumbers.Count(d.Improved), SmallNumbers.Count(d.Unchanged), SmallNumbers.Count(d.Worse),
                SmallNumbers.Percent(d.Improved, d.People), SmallNumbers.Percent(d.Unchanged, d.People), SmallNumbers.Percent(d.Worse, d.People),
                SmallNumbers.Mean(d.SumChange, d.People)))
            .ToList();

        var measureRows = measures
            .Where(m => measureById.ContainsKey(m.MeasureId))
            .OrderBy(m => measureById[m.MeasureId].Title, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Group, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MeasureRow(m.Group, measureById[m.MeasureId].Title, SmallNumbers.Count(m.People), SmallNumbers.Mean(m.SumChange, m.People),
                SmallNumbers.Count(m.ReliableImprovement), SmallNumbers.Count(m.ReliableDeterioration),
                SmallNumbers.Percent(m.ReliableImprovement, m.People), SmallNumbers.Percent(m.ReliableDeterioration, m.People),
                measureById[m.MeasureId].ReliableChange is not null))
            .ToList();

        var unmetRows = unmet
            .Where(u => domainNames.ContainsKey(u.DomainId))
            .OrderBy(u => u.Group, StringComparer.OrdinalIgnoreCase).ThenBy(u => domainOrder[u.DomainId])
            .Select(u => new UnmetRow(u.Group, domainNames[u.DomainId], SmallNumbers.Count(u.Rated), SmallNumbers.Count(u.Unmet), SmallNumbers.Percent(u.Unmet, u.Rated)))
            .ToList();

        // Only figures that could be shown take part in the headlines, so a headline cannot point at a small group.
        var mostImpact = domainRows
            .Where(d => d.ImprovedPercent is not null)
            .Select(d => new Highlight(d.Group, d.Domain, d.ImprovedPercent!.Value - (d.WorsePercent ?? 0)))
            .Where(h => h.Percent > 0)
            .OrderByDescending(h => h.Percent).ThenBy(h => h.Group, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Domain, StringComparer.OrdinalIgnoreCase)
            .Take(3).ToList();
        var mostUnmet = unmetRows
            .Where(u => u.UnmetPercent is > 0)
            .Select(u => new Highlight(u.Group, u.Domain, u.UnmetPercent!.Value))
            .OrderByDescending(h => h.Percent).ThenBy(h => h.Group, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Domain, StringComparer.OrdinalIgnoreCase)
            .Take(3).ToList();
        return new OutcomeReport(groups, domainRows, measureRows, unmetRows, mostImpact, mostUnmet);
    }

    /// <summary>The whole report as CSV, one section after another, with the same suppression as the page.</summary>
    public string ToCsv(string filterDescription)
    {
        var csv = new StringBuilder();
        void Line(params string[] cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        Line("Anonymised outcome report", filterDescription);
        Line("Counts under 8 are shown as 'fewer than 8'; all other counts are rounded to the nearest 5; percentages come from the rounded counts.");
        Line();
        Line("section", "group", "area or measure", "people", "improved", "unchanged", "worse", "improved %", "unchanged %", "worse %", "mean change");
        foreach (var g in Groups)
        {
            Line("people counted", g.Group, "", g.People.ForCsv, "", "", "", "", "", "", "");
        }
        foreach (var d in Domains)
        {
            Line("wheel: first and latest", d.Group, d.Domain, d.People.ForCsv, d.Improved.ForCsv, d.Unchanged.ForCsv, d.Worse.ForCsv,
                SmallNumbers.PercentText(d.ImprovedPercent), SmallNumbers.PercentText(d.UnchangedPercent), SmallNumbers.PercentText(d.WorsePercent),
                SmallNumbers.MeanText(d.MeanChange));
        }
        foreach (var m in Measures)
        {
            Line("measure: reliable change", m.Group, m.Measure, m.People.ForCsv, m.ReliableImprovement.ForCsv, "", m.ReliableDeterioration.ForCsv,
                SmallNumbers.PercentText(m.ImprovementPercent), "", SmallNumbers.PercentText(m.DeteriorationPercent), SmallNumbers.MeanText(m.MeanChange));
        }
        foreach (var u in Unmet)
        {
            Line("unmet need", u.Group, u.Domain, u.Rated.ForCsv, "", "", u.Unmet.ForCsv, "", "", SmallNumbers.PercentText(u.UnmetPercent), "");
        }
        return csv.ToString();
    }

    /// <summary>Quotes a cell when needed, and defuses text a spreadsheet would run as a formula.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
