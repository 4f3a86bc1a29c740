using System.Globalization;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>
/// A number of people as it may be shown outside the system: either "fewer than 8" or a count
/// rounded to the nearest 5. Only <see cref="SmallNumbers"/> makes one, so no table, chart or export
/// can show a raw count by mistake.
/// </summary>
public readonly record struct ShownCount
{
    internal ShownCount(int? rounded) => Rounded = rounded;

    /// <summary>Null when the true count is below <see cref="SmallNumbers.Minimum"/>.</summary>
    public int? Rounded { get; }

    public bool Suppressed => Rounded is null;

    public override string ToString() => Rounded is { } r ? r.ToString("N0", CultureInfo.GetCultureInfo("en-GB")) : SmallNumbers.SuppressedText;

    /// <summary>For CSV: the same words, without thousands separators.</summary>
    public string ForCsv => Rounded is { } r ? r.ToString(CultureInfo.InvariantCulture) : SmallNumbers.SuppressedText;
}

/// <summary>
/// The small-number rules every outcome output goes through (tables, charts, CSV): groups of fewer
/// than 8 people are shown as "fewer than 8"; every other count is rounded to the nearest 5; a
/// percentage or mean is shown only when both the part and the whole it comes from could be shown,
/// and is computed from the rounded counts, so it cannot give back a suppressed or unrounded count.
/// </summary>
public static class SmallNumbers
{
    public const int Minimum = 8;
    public const int RoundTo = 5;
    public const string SuppressedText = "fewer than 8";

    public static ShownCount Count(int people) =>
        people < Minimum ? new ShownCount(null) : new ShownCount((int)(Math.Round(people / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo));

    /// <summary>
    /// Whole-number percentage of <paramref name="part"/> in <paramref name="whole"/>, from the rounded
    /// counts; null (not shown) when either count is suppressed.
    /// </summary>
    public static int? Percent(int part, int whole)
    {
        var p = Count(part);
        var w = Count(whole);
        if (p.Rounded is not { } rp || w.Rounded is not { } rw || rw == 0)
        {
            return null;
        }
        return (int)Math.Round(100.0 * Math.Min(rp, rw) / rw, MidpointRounding.AwayFromZero);
    }

    /// <summary>A mean over a group, shown only when the group itself may be shown; one decimal place.</summary>
    public static double? Mean(double sum, int people) =>
        people < Minimum ? null : Math.Round(sum / people, 1, MidpointRounding.AwayFromZero);

    public static string PercentText(int? percent) => percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "not shown";

    public static string MeanText(double? mean) =>
        mean is { } m ? (m > 0 ? "+" : "") + m.ToString("0.0", CultureInfo.InvariantCulture) : "not shown";
}
