using System.Globalization;

namespace LivingBetter.Web.Infrastructure;

/// <summary>Plain-English wording for times, dates and counts shown to people.</summary>
public static class Wording
{
    public static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Duration(TimeSpan span)
    {
        if (span.TotalMinutes >= 1)
        {
            var minutes = (int)Math.Ceiling(span.TotalMinutes);
            return minutes == 1 ? "1 minute" : $"{minutes} minutes";
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
        return seconds == 1 ? "1 second" : $"{seconds} seconds";
    }

    public static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", UkCulture);

    public static string DateTime(DateTimeOffset at) => at.ToString("d MMMM yyyy 'at' HH:mm", UkCulture);
}
