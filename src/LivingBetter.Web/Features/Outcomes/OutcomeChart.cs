using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using LivingBetter.Web.Features.CheckIns;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>
/// Horizontal bars of percentages drawn as SVG on the server, one bar per area of life, so a board
/// reads them without script. Each part of a bar has its own pattern as well as colour, every bar
/// carries its numbers in words, and the page shows the same figures in a table. Percentages come
/// from <see cref="OutcomeReport"/>, so a suppressed figure is never drawn.
/// </summary>
public static class OutcomeChart
{
    public sealed record Part(string Name, string Fill, string? Pattern);

    public static readonly Part Improved = new("Better", "#005eb8", null);
    public static readonly Part Unchanged = new("Same", "#aeb7bd", null);
    public static readonly Part Worse = new("Worse", "#ed8b00", "lb-hatch");
    public static readonly Part Unmet = new("Unmet need", "#8a1538", null);

    /// <summary>One bar: its label and its parts' percentages, or null when the group is too small to show.</summary>
    public sealed record Bar(string Label, IReadOnlyList<int>? Percents);

    public static string Render(string id, string title, string description, IReadOnlyList<Part> parts, IReadOnlyList<Bar> bars)
    {
        const int width = 640, labelW = 190, right = 60, rowH = 34, top = 8;
        var plotW = width - labelW - right;
        var legendH = 28;
        var height = top + bars.Count * rowH + 24 + legendH;
        var e = HtmlEncoder.Default;
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"lb-chart__svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(inv, $"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(description)}</desc>");
        svg.Append(inv, $"<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{Worse.Fill}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#212b32\" stroke-width=\"2\"/></pattern></defs>");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var x = labelW + plotW * tick / 100.0;
            svg.Append(inv, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{top}\" y2=\"{top + bars.Count * rowH}\" stroke=\"#d8dde0\"/>");
            svg.Append(inv, $"<text x=\"{x:0.#}\" y=\"{top + bars.Count * rowH + 16}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#212b32\">{tick}%</text>");
        }
        for (var b = 0; b < bars.Count; b++)
        {
            var y = top + b * rowH;
            var lines = WheelSvg.Wrap(bars[b].Label, 26);
            for (var l = 0; l < Math.Min(2, lines.Count); l++)
            {
                svg.Append(inv, $"<text x=\"{labelW - 8}\" y=\"{y + 15 + l * 14 - (lines.Count > 1 ? 6 : 0)}\" text-anchor=\"end\" font-size=\"13\" fill=\"#212b32\">{e.Encode(lines[l])}</text>");
            }
            if (bars[b].Percents is not { } percents)
            {
                svg.Append(inv, $"<text x=\"{labelW + 6}\" y=\"{y + 18}\" font-size=\"13\" fill=\"#4c6272\">{SmallNumbers.SuppressedText} people: not shown</text>");
                continue;
            }
            var x = (double)labelW;
            for (var p = 0; p < parts.Count && p < percents.Count; p++)
            {
                var w = plotW * Math.Clamp(percents[p], 0, 100) / 100.0;
                if (w <= 0)
                {
                    continue;
                }
                var fill = parts[p].Pattern is null ? parts[p].Fill : $"url(#{id}-hatch)";
                svg.Append(inv, $"<rect x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{w:0.#}\" height=\"{rowH - 10}\" fill=\"{fill}\" stroke=\"#ffffff\"><title>{e.Encode($"{bars[b].Label}: {parts[p].Name.ToLowerInvariant()} {percents[p]}%")}</title></rect>");
                x += w;
            }
            svg.Append(inv, $"<text x=\"{Math.Min(x + 6, width - right + 6):0.#}\" y=\"{y + 18}\" font-size=\"12\" fill=\"#212b32\">{percents[0]}%</text>");
        }
        var ly = height - 10;
        for (var p = 0; p < parts.Count; p++)
        {
            var lx = labelW + p * 130;
            var fill = parts[p].Pattern is null ? parts[p].Fill : $"url(#{id}-hatch)";
            svg.Append(inv, $"<rect x=\"{lx}\" y=\"{ly - 12}\" width=\"14\" height=\"14\" fill=\"{fill}\"/>");
            svg.Append(inv, $"<text x=\"{lx + 20}\" y=\"{ly}\" font-size=\"13\" fill=\"#212b32\">{e.Encode(parts[p].Name)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
