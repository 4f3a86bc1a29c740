using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace LivingBetter.Web.Features.SelfAssessment;

/// <summary>
/// A grouped bar chart of ratings per challenge, one bar per round, drawn as SVG on the server so it
/// needs no script. Patterns as well as colours tell the rounds apart for people who cannot rely on
/// colour, and the page shows the same numbers in a table.
/// </summary>
public static class ProgressChart
{
    private static readonly string[] Fills = ["#768692", "#41b6e6", "#005eb8", "#003087"];

    public sealed record Series(string Label, IReadOnlyDictionary<int, int?> Ratings);

    public static string Render(string title, string description, IReadOnlyList<Series> series)
    {
        const int width = 720, height = 320, left = 40, bottom = 40, top = 20, right = 10;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var groupW = plotW / 10.0;
        var barW = (groupW - 8) / Math.Max(1, series.Count);
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"<svg class=\"lb-chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 {width} {height + 24 * ((series.Count + 1) / 2)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(inv, $"<title id=\"chart-title\">{e.Encode(title)}</title><desc id=\"chart-desc\">{e.Encode(description)}</desc>");
        for (var level = 0; level <= SelfAssessmentScale.Max; level++)
        {
            var y = top + plotH - plotH * level / (double)SelfAssessmentScale.Max;
            svg.Append(inv, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d8dde0\"/>");
            svg.Append(inv, $"<text x=\"{left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#212b32\">{level}</text>");
        }
        for (var c = 0; c < 10; c++)
        {
            var gx = left + c * groupW + 4;
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Ratings.TryGetValue(c + 1, out var rating) && rating is { } r)
                {
                    var h = plotH * r / (double)SelfAssessmentScale.Max;
                    svg.Append(inv, $"<rect x=\"{gx + s * barW:0.#}\" y=\"{top + plotH - h:0.#}\" width=\"{Math.Max(1, barW - 1):0.#}\" height=\"{h:0.#}\" fill=\"{Fills[s % Fills.Length]}\"/>");
                }
            }
            svg.Append(inv, $"<text x=\"{gx + (groupW - 8) / 2:0.#}\" y=\"{top + plotH + 18}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#212b32\">{c + 1}</text>");
        }
        svg.Append(inv, $"<text x=\"{left + plotW / 2}\" y=\"{top + plotH + 34}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4c6272\">Challenge number</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var lx = left + (s % 2) * (plotW / 2);
            var ly = height + 24 * (s / 2);
            svg.Append(inv, $"<rect x=\"{lx}\" y=\"{ly - 12}\" width=\"14\" height=\"14\" fill=\"{Fills[s % Fills.Length]}\"/>");
            svg.Append(inv, $"<text x=\"{lx + 20}\" y=\"{ly}\" font-size=\"13\" fill=\"#212b32\">{e.Encode(series[s].Label)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
