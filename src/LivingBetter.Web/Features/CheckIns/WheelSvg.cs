using System.Globalization;
using System.Net;
using System.Text;
using LivingBetter.Web.Infrastructure;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>One set of ratings on the wheel, on the scale it was given on. A null value was skipped.</summary>
public sealed record WheelSeries(string Label, IReadOnlyList<int?> Values, int Min, int Max);

/// <summary>
/// What the wheel shows: the domains in order and up to three check-ins, latest first, then the one
/// before it, then the first ever. Each is drawn differently (filled, dashed, dotted) so the picture
/// reads without colour.
/// </summary>
public sealed record WheelPicture(string Id, string Title, IReadOnlyList<string> Domains, int Min, int Max, IReadOnlyList<WheelSeries> Series);

public sealed record TrendPoint(DateTimeOffset At, int? Rating, int? WorkerRating, int Min, int Max);

public sealed record TrendPicture(string Id, string Title, int Min, int Max, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// Server-side SVG for check-in pictures: no chart script, works without JavaScript, and returns a
/// plain string so the plan PDF can draw the same picture. Only presentation attributes are used,
/// because the content security policy forbids inline styles.
/// </summary>
public static class WheelSvg
{
    public const double Width = 760;
    public const double Height = 720;
    public const double CentreX = 380;
    public const double CentreY = 300;
    public const double Radius = 190;

    private const string Ink = "#212b32";
    private const string Grid = "#aeb7bd";

    /// <summary>How each series is drawn, in order: latest, previous, first.</summary>
    public static readonly IReadOnlyList<(string Stroke, string Dash, string Fill, string Name)> Styles =
    [
        ("#003087", "", "#005eb8", "solid line, shaded"),
        (Ink, "12 7", "none", "dashed line"),
        ("#4c6272", "2 6", "none", "dotted line"),
    ];

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Where a rating sits: the lowest rating is a small wedge, the highest reaches the rim.</summary>
    public static double RadiusFor(int value, int min, int max) =>
        Radius * (Math.Clamp(value, min, max) - min + 1) / (max - min + 1);

    /// <summary>The angle range of domain <paramref name="index"/>, clockwise from twelve o'clock, in radians.</summary>
    public static (double Start, double End) AnglesFor(int index, int count)
    {
        var step = 2 * Math.PI / count;
        return (index * step - Math.PI / 2, (index + 1) * step - Math.PI / 2);
    }

    private static (double X, double Y) Point(double r, double angle) =>
        (CentreX + r * Math.Cos(angle), CentreY + r * Math.Sin(angle));

    public static string Describe(WheelPicture picture)
    {
        var parts = new List<string>();
        for (var i = 0; i < picture.Domains.Count; i++)
        {
            var values = picture.Series.Select(s => $"{s.Label}: {(s.Values[i] is { } v ? v.ToString(CultureInfo.InvariantCulture) : "skipped")}");
            parts.Add($"{picture.Domains[i]} ({string.Join(", ", values)})");
        }
        return $"Ratings from {picture.Min} to {picture.Max}. " + string.Join("; ", parts) + ".";
    }

    /// <summary>The wide picture: domain names and latest ratings around the rim. Used on screens with room for it.</summary>
    public static string Wheel(WheelPicture picture)
    {
        var n = picture.Domains.Count;
        var sb = new StringBuilder();
        Open(sb, picture, picture.Id, $"0 0 {F(Width)} {F(Height)}", "lb-wheel lb-wheel--wide");
        Rings(sb, picture);

        // Domain names around the rim, with the latest rating beneath.
        for (var i = 0; i < n; i++)
        {
            var (a0, a1) = AnglesFor(i, n);
            var mid = (a0 + a1) / 2;
            var (x, y) = Point(Radius + 16, mid);
            var cos = Math.Cos(mid);
            var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
            var lines = Wrap(picture.Domains[i], 11);
            var latest = picture.Series.Count > 0 && i < picture.Series[0].Values.Count ? picture.Series[0].Values[i] : null;
            lines.Add(picture.Series.Count == 0 ? "" : latest is { } v ? v.ToString(CultureInfo.InvariantCulture) : "skipped");
            var lineHeight = 26.0;
            var sin = Math.Sin(mid);
            var top = sin < -0.3 ? y - lineHeight * (lines.Count - 1) : sin > 0.3 ? y + 18 : y - lineHeight * (lines.Count - 1) / 2 + 8;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(top)}\" text-anchor=\"{anchor}\" font-size=\"24\" fill=\"{Ink}\">");
            for (var l = 0; l < lines.Count; l++)
            {
                var weight = l == lines.Count - 1 ? " font-weight=\"bold\"" : "";
                sb.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{F(x)}\" dy=\"{(l == 0 ? 0 : lineHeight)}\"{weight}>{E(lines[l])}</tspan>");
            }
            sb.Append("</text>");
        }

        SeriesKey(sb, picture, 170, CentreY + Radius + 120);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>
    /// The narrow picture for phones: the same wheel, cropped close, with a number at each part of life and
    /// the names listed below in a larger size, so nothing is smaller than about 15 px on a 320 px screen.
    /// </summary>
    public static string WheelNarrow(WheelPicture picture)
    {
        var n = picture.Domains.Count;
        const double left = 150, top = 60, width = 460, fontSize = 28, lineHeight = 34;
        var body = new StringBuilder();
        Rings(body, picture);
        for (var i = 0; i < n; i++)
        {
            var (a0, a1) = AnglesFor(i, n);
            var (x, y) = Point(Radius + 26, (a0 + a1) / 2);
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y + 10)}\" text-anchor=\"middle\" font-size=\"30\" font-weight=\"bold\" fill=\"{Ink}\">{i + 1}</text>");
        }
        var lineY = CentreY + Radius + 80;
        for (var i = 0; i < n; i++)
        {
            var latest = picture.Series.Count > 0 && i < picture.Series[0].Values.Count ? picture.Series[0].Values[i] : null;
            var rating = picture.Series.Count == 0 ? "" : latest is { } v ? $": {v.ToString(CultureInfo.InvariantCulture)}" : ": skipped";
            var lines = Wrap(picture.Domains[i] + rating, 24);
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + 10)}\" y=\"{F(lineY)}\" font-size=\"{F(fontSize)}\" font-weight=\"bold\" fill=\"{Ink}\">{i + 1}</text>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + 56)}\" y=\"{F(lineY)}\" font-size=\"{F(fontSize)}\" fill=\"{Ink}\">");
            for (var l = 0; l < lines.Count; l++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{F(left + 56)}\" dy=\"{(l == 0 ? 0 : lineHeight)}\">{E(lines[l])}</tspan>");
            }
            body.Append("</text>");
            lineY += lineHeight * lines.Count + 8;
        }
        var keyY = lineY + 24;
        SeriesKey(body, picture, left + 10, keyY);
        var bottom = keyY + Math.Min(picture.Series.Count, Styles.Count) * 36 + 10;

        var sb = new StringBuilder();
        Open(sb, picture, picture.Id + "-narrow", $"{F(left)} {F(top)} {F(width)} {F(bottom - top)}", "lb-wheel lb-wheel--narrow");
        sb.Append(body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Open(StringBuilder sb, WheelPicture picture, string id, string viewBox, string cssClass)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{viewBox}\" class=\"{cssClass}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Arial, Helvetica, sans-serif\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(picture.Title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(Describe(picture))}</desc>");
        sb.Append("<rect x=\"-1000\" y=\"-1000\" width=\"3000\" height=\"3000\" fill=\"#ffffff\"/>");
    }

    private static void Rings(StringBuilder sb, WheelPicture picture)
    {
        var n = picture.Domains.Count;
        // Rings at each step of the scale, and spokes between domains.
        for (var v = picture.Min; v <= picture.Max; v++)
        {
            var major = v == picture.Max || (v - picture.Min + 1) % 5 == 0;
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(CentreX)}\" cy=\"{F(CentreY)}\" r=\"{F(RadiusFor(v, picture.Min, picture.Max))}\" fill=\"none\" stroke=\"{Grid}\" stroke-width=\"{(major ? 1.5 : 0.75)}\"/>");
        }
        for (var i = 0; i < n; i++)
        {
            var (x, y) = Point(Radius, AnglesFor(i, n).Start);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(CentreX)}\" y1=\"{F(CentreY)}\" x2=\"{F(x)}\" y2=\"{F(y)}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
        }

        // Oldest first, so the latest is drawn on top.
        for (var s = Math.Min(picture.Series.Count, Styles.Count) - 1; s >= 0; s--)
        {
            var series = picture.Series[s];
            var style = Styles[s];
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"lb-wheel-series-{s}\" data-series=\"{E(series.Label)}\">");
            for (var i = 0; i < n && i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } value)
                {
                    continue;
                }
                var r = RadiusFor(value, series.Min, series.Max);
                var (a0, a1) = AnglesFor(i, n);
                var pad = s == 0 ? 0.0 : 0.03;
                var (x0, y0) = Point(r, a0 + pad);
                var (x1, y1) = Point(r, a1 - pad);
                var arc = $"A {F(r)} {F(r)} 0 0 1 {F(x1)} {F(y1)}";
                var dash = style.Dash.Length == 0 ? "" : $" stroke-dasharray=\"{style.Dash}\" stroke-linecap=\"round\"";
                if (s == 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M {F(CentreX)} {F(CentreY)} L {F(x0)} {F(y0)} {arc} Z\" fill=\"{style.Fill}\" fill-opacity=\"0.28\" stroke=\"{style.Stroke}\" stroke-width=\"3\" data-domain=\"{E(picture.Domains[i])}\" data-value=\"{value}\"/>");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M {F(x0)} {F(y0)} {arc}\" fill=\"none\" stroke=\"{style.Stroke}\" stroke-width=\"4\"{dash} data-domain=\"{E(picture.Domains[i])}\" data-value=\"{value}\"/>");
                }
            }
            sb.Append("</g>");
        }
    }

    /// <summary>Key, so the picture makes sense printed on its own.</summary>
    private static void SeriesKey(StringBuilder sb, WheelPicture picture, double x, double keyY)
    {
        for (var s = 0; s < Math.Min(picture.Series.Count, Styles.Count); s++)
        {
            var style = Styles[s];
            var y = keyY + s * 36;
            var dash = style.Dash.Length == 0 ? "" : $" stroke-dasharray=\"{style.Dash}\" stroke-linecap=\"round\"";
            if (s == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(y - 12)}\" width=\"60\" height=\"20\" fill=\"{style.Fill}\" fill-opacity=\"0.28\" stroke=\"{style.Stroke}\" stroke-width=\"3\"/>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{F(y - 2)}\" x2=\"{F(x + 60)}\" y2=\"{F(y - 2)}\" stroke=\"{style.Stroke}\" stroke-width=\"4\"{dash}/>");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 75)}\" y=\"{F(y + 6)}\" font-size=\"24\" fill=\"{Ink}\">{E(picture.Series[s].Label)}</text>");
        }
    }

    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }
        if (current.Length > 0)
        {
            lines.Add(current);
        }
        return lines;
    }

    public const double TrendWidth = 360;
    public const double TrendHeight = 170;

    /// <summary>A small line chart of one domain over time: the person's ratings solid with dots, a worker's dashed with squares. Skips leave a gap.</summary>
    public static string Trend(TrendPicture picture)
    {
        const double left = 34, right = 14, top = 12, bottom = 34;
        var plotW = TrendWidth - left - right;
        var plotH = TrendHeight - top - bottom;
        var points = picture.Points;
        var id = picture.Id;
        var sb = new StringBuilder();
        var described = string.Join("; ", points.Select(p =>
            $"{Wording.Date(p.At)}: {(p.Rating is { } r ? r.ToString(CultureInfo.InvariantCulture) : "skipped")}" +
            (p.WorkerRating is { } w ? $", worker {w}" : "")));
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(TrendWidth)} {F(TrendHeight)}\" class=\"lb-trend\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Arial, Helvetica, sans-serif\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(picture.Title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(points.Count == 0 ? "No check-ins yet." : described + ".")}</desc>");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        double Y(int v, int min, int max) =>
            top + plotH - plotH * (Math.Clamp(v, min, max) - min) / Math.Max(1, max - min);
        foreach (var v in new[] { picture.Min, (picture.Min + picture.Max) / 2, picture.Max }.Distinct())
        {
            var y = Y(v, picture.Min, picture.Max);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(left)}\" y1=\"{F(y)}\" x2=\"{F(TrendWidth - right)}\" y2=\"{F(y)}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left - 6)}\" y=\"{F(y + 5)}\" text-anchor=\"end\" font-size=\"14\" fill=\"{Ink}\">{v}</text>");
        }
        if (points.Count == 0)
        {
            sb.Append("</svg>");
            return sb.ToString();
        }
        var from = points[0].At;
        var span = Math.Max(1, (points[^1].At - from).TotalSeconds);
        double X(DateTimeOffset at) => points.Count == 1 ? left + plotW / 2 : left + plotW * (at - from).TotalSeconds / span;
        double Scale(int v, int min, int max) => picture.Min + (double)(v - min) / Math.Max(1, max - min) * (picture.Max - picture.Min);
        double YS(int v, TrendPoint p) => top + plotH - plotH * (Scale(v, p.Min, p.Max) - picture.Min) / Math.Max(1, picture.Max - picture.Min);

        void Line(Func<TrendPoint, int?> value, string stroke, string dash, bool squares, bool bridgeGaps)
        {
            var path = new StringBuilder();
            var pen = false;
            foreach (var p in points)
            {
                if (value(p) is { } v)
                {
                    path.Append(CultureInfo.InvariantCulture, $"{(pen ? "L" : "M")} {F(X(p.At))} {F(YS(v, p))} ");
                    pen = true;
                }
                else
                {
                    // A skipped rating breaks the person's line; a worker simply not being there does not.
                    pen = pen && bridgeGaps;
                }
            }
            if (path.Length > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2.5\"{(dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"")}/>");
            }
            foreach (var p in points)
            {
                if (value(p) is { } v)
                {
                    var (x, y) = (X(p.At), YS(v, p));
                    sb.Append(squares
                        ? string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{F(x - 4.5)}\" y=\"{F(y - 4.5)}\" width=\"9\" height=\"9\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"2\"/>")
                        : string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4.5\" fill=\"{stroke}\"/>"));
                }
            }
        }
        if (points.Any(p => p.WorkerRating is not null))
        {
            Line(p => p.WorkerRating, "#4c6272", "6 4", squares: true, bridgeGaps: true);
        }
        Line(p => p.Rating, "#003087", "", squares: false, bridgeGaps: false);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left)}\" y=\"{F(TrendHeight - 8)}\" font-size=\"14\" fill=\"{Ink}\">{E(points[0].At.ToString("MMM yyyy", Wording.UkCulture))}</text>");
        if (points.Count > 1)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(TrendWidth - right)}\" y=\"{F(TrendHeight - 8)}\" text-anchor=\"end\" font-size=\"14\" fill=\"{Ink}\">{E(points[^1].At.ToString("MMM yyyy", Wording.UkCulture))}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
