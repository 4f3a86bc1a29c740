using LivingBetter.Web.Infrastructure;
using SkiaSharp;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>
/// The progress pictures drawn onto PDF pages with SkiaSharp, from the same geometry as the SVG on the
/// progress page (same rings, wedges, line styles and key), so the printed plan shows the same picture.
/// Black and greys with solid, dashed and dotted lines: it reads printed in greyscale.
/// </summary>
public static class WheelPdf
{
    private static readonly Lazy<SKTypeface> Regular = PdfText.Regular;
    private static readonly Lazy<SKTypeface> Bold = PdfText.Bold;

    private static readonly SKColor Ink = SKColor.Parse("#212b32");
    private static readonly SKColor Grid = SKColor.Parse("#aeb7bd");

    /// <summary>The pages to add to a plan PDF: the wheel with its key and table, then each part of life over time. None before a first check-in.</summary>
    public static IReadOnlyList<Action<SKCanvas, float, float, float>> Pages(ProgressPictures pictures)
    {
        if (pictures.WheelData is not { } wheel || pictures.CheckInCount == 0)
        {
            return [];
        }
        return [(canvas, width, height, margin) => WheelPage(canvas, width, margin, wheel, pictures),
                (canvas, width, height, margin) => TrendsPage(canvas, width, height, margin, pictures)];
    }

    private static void Text(SKCanvas canvas, string text, float x, float y, float size, bool bold = false, SKTextAlign align = SKTextAlign.Left, SKColor? colour = null)
    {
        using var font = new SKFont(bold ? Bold.Value : Regular.Value, size);
        using var paint = new SKPaint { Color = colour ?? Ink, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    private static SKPaint Stroke(SKColor colour, float width, float[]? dash = null) => new()
    {
        Color = colour,
        StrokeWidth = width,
        IsStroke = true,
        IsAntialias = true,
        StrokeCap = dash is null ? SKStrokeCap.Butt : SKStrokeCap.Round,
        PathEffect = dash is null ? null : SKPathEffect.CreateDash(dash, 0),
    };

    private static float[]? Dash(string svgDash) =>
        svgDash.Length == 0 ? null : svgDash.Split(' ').Select(d => float.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static void WheelPage(SKCanvas canvas, float width, float margin, WheelPicture picture, ProgressPictures pictures)
    {
        var y = margin + 18;
        Text(canvas, "My wellbeing wheel", margin, y, 16, bold: true);
        y += 18;
        foreach (var line in PdfText.Wrap(picture.Title, new SKFont(Regular.Value, 10), width - 2 * margin))
        {
            Text(canvas, line, margin, y, 10);
            y += 13;
        }
        // The SVG's own coordinates, scaled to the page width.
        var scale = (width - 2 * margin) / (float)WheelSvg.Width;
        canvas.Save();
        canvas.Translate(margin, y);
        canvas.Scale(scale);
        DrawWheel(canvas, picture);
        canvas.Restore();
        y += (float)WheelSvg.Height * scale + 10;

        // The same numbers as a table, for anyone who prefers them to a picture.
        Text(canvas, "The ratings as a table", margin, y, 11, bold: true);
        y += 15;
        var columns = new List<string> { "Part of life", "Latest" };
        if (pictures.CheckInCount >= 2)
        {
            columns.Add("Last time");
        }
        if (pictures.CheckInCount >= 3)
        {
            columns.Add("First");
        }
        var first = 170f;
        var step = (width - 2 * margin - first) / (columns.Count - 1);
        for (var c = 0; c < columns.Count; c++)
        {
            Text(canvas, columns[c], margin + (c == 0 ? 0 : first + (c - 1) * step), y, 8.5f, bold: true);
        }
        y += 12;
        foreach (var d in pictures.Domains)
        {
            var cells = new List<string> { d.Name + (d.WantsHelp ? " (help wanted)" : ""), d.Latest?.ToString() ?? "Skipped" };
            if (pictures.CheckInCount >= 2)
            {
                cells.Add(d.Previous?.ToString() ?? "Skipped");
            }
            if (pictures.CheckInCount >= 3)
            {
                cells.Add(d.First?.ToString() ?? "Skipped");
            }
            for (var c = 0; c < cells.Count; c++)
            {
                Text(canvas, cells[c], margin + (c == 0 ? 0 : first + (c - 1) * step), y, 8.5f);
            }
            y += 11;
        }
    }

    private static void DrawWheel(SKCanvas canvas, WheelPicture picture)
    {
        var n = picture.Domains.Count;
        var cx = (float)WheelSvg.CentreX;
        var cy = (float)WheelSvg.CentreY;
        for (var v = picture.Min; v <= picture.Max; v++)
        {
            var major = v == picture.Max || (v - picture.Min + 1) % 5 == 0;
            using var ring = Stroke(Grid, major ? 1.5f : 0.75f);
            canvas.DrawCircle(cx, cy, (float)WheelSvg.RadiusFor(v, picture.Min, picture.Max), ring);
        }
        using (var spoke = Stroke(Grid, 1))
        {
            for (var i = 0; i < n; i++)
            {
                var a = WheelSvg.AnglesFor(i, n).Start;
                canvas.DrawLine(cx, cy, cx + (float)(WheelSvg.Radius * Math.Cos(a)), cy + (float)(WheelSvg.Radius * Math.Sin(a)), spoke);
            }
        }
        for (var s = Math.Min(picture.Series.Count, WheelSvg.Styles.Count) - 1; s >= 0; s--)
        {
            var series = picture.Series[s];
            var style = WheelSvg.Styles[s];
            var colour = SKColor.Parse(style.Stroke);
            for (var i = 0; i < n && i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } value)
                {
                    continue;
                }
                var r = (float)WheelSvg.RadiusFor(value, series.Min, series.Max);
                var (a0, a1) = WheelSvg.AnglesFor(i, n);
                var pad = s == 0 ? 0.0 : 0.03;
                var oval = new SKRect(cx - r, cy - r, cx + r, cy + r);
                var startDeg = (float)((a0 + pad) * 180 / Math.PI);
                var sweepDeg = (float)((a1 - a0 - 2 * pad) * 180 / Math.PI);
                using var path = new SKPath();
                if (s == 0)
                {
                    path.MoveTo(cx, cy);
                    path.ArcTo(oval, startDeg, sweepDeg, false);
                    path.Close();
                    using var fill = new SKPaint { Color = SKColor.Parse(style.Fill).WithAlpha(72), IsAntialias = true };
                    canvas.DrawPath(path, fill);
                    using var edge = Stroke(colour, 3);
                    canvas.DrawPath(path, edge);
                }
                else
                {
                    path.AddArc(oval, startDeg, sweepDeg);
                    using var line = Stroke(colour, 4, Dash(style.Dash));
                    canvas.DrawPath(path, line);
                }
            }
        }
        for (var i = 0; i < n; i++)
        {
            var (a0, a1) = WheelSvg.AnglesFor(i, n);
            var mid = (a0 + a1) / 2;
            var x = cx + (float)((WheelSvg.Radius + 16) * Math.Cos(mid));
            var yy = cy + (float)((WheelSvg.Radius + 16) * Math.Sin(mid));
            var cos = Math.Cos(mid);
            var sin = Math.Sin(mid);
            var align = Math.Abs(cos) < 0.2 ? SKTextAlign.Center : cos > 0 ? SKTextAlign.Left : SKTextAlign.Right;
            var lines = WheelSvg.Wrap(picture.Domains[i], 11);
            var latest = picture.Series.Count > 0 && i < picture.Series[0].Values.Count ? picture.Series[0].Values[i] : null;
            lines.Add(latest is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "skipped");
            const float lineHeight = 26;
            var top = sin < -0.3 ? yy - lineHeight * (lines.Count - 1) : sin > 0.3 ? yy + 18 : yy - lineHeight * (lines.Count - 1) / 2 + 8;
            for (var l = 0; l < lines.Count; l++)
            {
                Text(canvas, lines[l], x, (float)top + l * lineHeight, 22, bold: l == lines.Count - 1, align: align);
            }
        }
        var keyY = (float)(WheelSvg.CentreY + WheelSvg.Radius + 120);
        for (var s = 0; s < Math.Min(picture.Series.Count, WheelSvg.Styles.Count); s++)
        {
            var style = WheelSvg.Styles[s];
            var colour = SKColor.Parse(style.Stroke);
            var ky = keyY + s * 36;
            if (s == 0)
            {
                using var fill = new SKPaint { Color = SKColor.Parse(style.Fill).WithAlpha(72), IsAntialias = true };
                canvas.DrawRect(170, ky - 12, 60, 20, fill);
                using var edge = Stroke(colour, 3);
                canvas.DrawRect(170, ky - 12, 60, 20, edge);
            }
            else
            {
                using var line = Stroke(colour, 4, Dash(style.Dash));
                canvas.DrawLine(170, ky - 2, 230, ky - 2, line);
            }
            Text(canvas, picture.Series[s].Label, 245, ky + 6, 22);
        }
    }

    private static void TrendsPage(SKCanvas canvas, float width, float height, float margin, ProgressPictures pictures)
    {
        var y = margin + 18;
        Text(canvas, "Each part of life over time", margin, y, 16, bold: true);
        y += 16;
        Text(canvas, "Dots and a solid line: my ratings. Squares and a dashed line: a worker's view. A gap: a skipped rating.", margin, y, 8.5f);
        y += 10;
        const int columns = 2;
        var gap = 16f;
        var cellW = (width - 2 * margin - gap) / columns;
        var rows = (pictures.Trends.Count + columns - 1) / columns;
        var cellH = Math.Min(130f, (height - margin - y) / Math.Max(1, rows));
        for (var i = 0; i < pictures.Trends.Count; i++)
        {
            var x = margin + i % columns * (cellW + gap);
            var top = y + i / columns * cellH;
            DrawTrend(canvas, pictures.Trends[i], x, top, cellW, cellH - 8);
        }
    }

    private static void DrawTrend(SKCanvas canvas, TrendPicture picture, float x, float top, float w, float h)
    {
        Text(canvas, picture.Title.Replace(" over time", "", StringComparison.Ordinal), x, top + 12, 9.5f, bold: true);
        const float left = 20, bottom = 14;
        var plotTop = top + 20;
        var plotH = h - 20 - bottom;
        var plotW = w - left - 6;
        float Y(double value) => plotTop + plotH - plotH * (float)((value - picture.Min) / Math.Max(1, picture.Max - picture.Min));
        using (var grid = Stroke(Grid, 0.6f))
        {
            foreach (var v in new[] { picture.Min, (picture.Min + picture.Max) / 2, picture.Max }.Distinct())
            {
                canvas.DrawLine(x + left, Y(v), x + w - 6, Y(v), grid);
                Text(canvas, v.ToString(System.Globalization.CultureInfo.InvariantCulture), x + left - 4, Y(v) + 3, 7, align: SKTextAlign.Right);
            }
        }
        var points = picture.Points;
        if (points.Count == 0)
        {
            return;
        }
        var from = points[0].At;
        var span = Math.Max(1, (points[^1].At - from).TotalSeconds);
        float X(DateTimeOffset at) => points.Count == 1 ? x + left + plotW / 2 : x + left + plotW * (float)((at - from).TotalSeconds / span);
        double Scaled(int v, TrendPoint p) => picture.Min + (double)(v - p.Min) / Math.Max(1, p.Max - p.Min) * (picture.Max - picture.Min);

        void Line(Func<TrendPoint, int?> value, SKColor colour, float[]? dash, bool squares, bool bridgeGaps)
        {
            using var path = new SKPath();
            var pen = false;
            foreach (var p in points)
            {
                if (value(p) is { } v)
                {
                    if (pen)
                    {
                        path.LineTo(X(p.At), Y(Scaled(v, p)));
                    }
                    else
                    {
                        path.MoveTo(X(p.At), Y(Scaled(v, p)));
                    }
                    pen = true;
                }
                else
                {
                    pen = pen && bridgeGaps;
                }
            }
            using var stroke = Stroke(colour, 1.4f, dash);
            canvas.DrawPath(path, stroke);
            using var mark = new SKPaint { Color = colour, IsAntialias = true, IsStroke = squares, StrokeWidth = 1 };
            foreach (var p in points)
            {
                if (value(p) is { } v)
                {
                    if (squares)
                    {
                        canvas.DrawRect(X(p.At) - 2.2f, Y(Scaled(v, p)) - 2.2f, 4.4f, 4.4f, mark);
                    }
                    else
                    {
                        canvas.DrawCircle(X(p.At), Y(Scaled(v, p)), 2f, mark);
                    }
                }
            }
        }
        if (points.Any(p => p.WorkerRating is not null))
        {
            Line(p => p.WorkerRating, SKColor.Parse("#4c6272"), [4, 3], squares: true, bridgeGaps: true);
        }
        Line(p => p.Rating, SKColor.Parse("#003087"), null, squares: false, bridgeGaps: false);
        Text(canvas, points[0].At.ToString("MMM yyyy", Wording.UkCulture), x + left, top + h, 7);
        if (points.Count > 1)
        {
            Text(canvas, points[^1].At.ToString("MMM yyyy", Wording.UkCulture), x + w - 6, top + h, 7, align: SKTextAlign.Right);
        }
    }
}
