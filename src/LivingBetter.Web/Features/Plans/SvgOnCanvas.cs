using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace LivingBetter.Web.Features.Plans;

/// <summary>
/// Draws the SVG our own pictures produce (the wellbeing wheel from <see cref="CheckIns.WheelSvg"/>) onto a
/// SkiaSharp canvas, so the PDF shows exactly the picture the web page shows from one source. It reads
/// only the small subset those pictures use: rect, circle, line, path, and text with tspans, styled by
/// presentation attributes. Svg.Skia would read any SVG, but needs SkiaSharp 4, which we do not use yet.
/// </summary>
public static class SvgOnCanvas
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Draws <paramref name="svg"/> scaled to fit <paramref name="width"/> at (<paramref name="x"/>, <paramref name="y"/>); returns the height used.</summary>
    public static float Draw(SKCanvas canvas, string svg, float x, float y, float width, SKTypeface regular, SKTypeface bold)
    {
        var root = XElement.Parse(svg);
        var box = (root.Attribute("viewBox")?.Value ?? "0 0 100 100").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Num).ToArray();
        var scale = width / box[2];
        canvas.Save();
        canvas.Translate(x, y);
        canvas.Scale(scale);
        canvas.Translate(-box[0], -box[1]);
        foreach (var element in root.Descendants())
        {
            switch (element.Name.LocalName)
            {
                case "rect":
                    var w = Length(element, "width", box[2]);
                    var h = Length(element, "height", box[3]);
                    Shape(canvas, element, p => p.AddRect(SKRect.Create(Num(element, "x"), Num(element, "y"), w, h)));
                    break;
                case "circle":
                    Shape(canvas, element, p => p.AddCircle(Num(element, "cx"), Num(element, "cy"), Num(element, "r")));
                    break;
                case "line":
                    Shape(canvas, element, p =>
                    {
                        p.MoveTo(Num(element, "x1"), Num(element, "y1"));
                        p.LineTo(Num(element, "x2"), Num(element, "y2"));
                    });
                    break;
                case "path":
                    if (SKPath.ParseSvgPathData(element.Attribute("d")?.Value ?? "") is { } parsed)
                    {
                        using (parsed)
                        {
                            Shape(canvas, element, p => p.AddPath(parsed));
                        }
                    }
                    break;
                case "text":
                    Text(canvas, element, regular, bold);
                    break;
            }
        }
        canvas.Restore();
        return box[3] * scale;
    }

    private static float Num(string s) => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static float Num(XElement e, string name) => Num(e.Attribute(name)?.Value ?? "0");

    private static float Length(XElement e, string name, float whole)
    {
        var v = e.Attribute(name)?.Value ?? "0";
        return v.EndsWith('%') ? whole * Num(v.TrimEnd('%')) / 100 : Num(v);
    }

    private static string? Inherited(XElement e, string name) =>
        e.AncestorsAndSelf().Select(a => a.Attribute(name)?.Value).FirstOrDefault(v => v is not null);

    private static SKColor Colour(string? value, float opacity = 1)
    {
        var colour = value is not null && SKColor.TryParse(value, out var c) ? c : SKColors.Black;
        return colour.WithAlpha((byte)Math.Clamp(opacity * 255, 0, 255));
    }

    private static void Shape(SKCanvas canvas, XElement e, Action<SKPath> build)
    {
        using var path = new SKPath();
        build(path);
        var fill = Inherited(e, "fill");
        if (fill is not null && fill != "none")
        {
            var opacity = Num(e.Attribute("fill-opacity")?.Value ?? "1");
            using var paint = new SKPaint { Style = SKPaintStyle.Fill, Color = Colour(fill, opacity), IsAntialias = true };
            canvas.DrawPath(path, paint);
        }
        var stroke = Inherited(e, "stroke");
        if (stroke is not null && stroke != "none")
        {
            using var paint = new SKPaint
            {
                Style = SKPaintStyle.Stroke,
                Color = Colour(stroke),
                StrokeWidth = Num(e.Attribute("stroke-width")?.Value ?? "1"),
                StrokeCap = e.Attribute("stroke-linecap")?.Value == "round" ? SKStrokeCap.Round : SKStrokeCap.Butt,
                IsAntialias = true,
            };
            var dashes = (e.Attribute("stroke-dasharray")?.Value ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(Num).ToArray();
            if (dashes.Length >= 2 && dashes.Length % 2 == 0)
            {
                paint.PathEffect = SKPathEffect.CreateDash(dashes, 0);
            }
            canvas.DrawPath(path, paint);
        }
    }

    private static void Text(SKCanvas canvas, XElement text, SKTypeface regular, SKTypeface bold)
    {
        var size = Num(Inherited(text, "font-size") ?? "16");
        var align = Inherited(text, "text-anchor") switch
        {
            "middle" => SKTextAlign.Center,
            "end" => SKTextAlign.Right,
            _ => SKTextAlign.Left,
        };
        using var paint = new SKPaint { Color = Colour(Inherited(text, "fill")), IsAntialias = true };
        var x = Num(text, "x");
        var y = Num(text, "y");
        var spans = text.Elements(Svg + "tspan").ToList();
        if (spans.Count == 0)
        {
            using var font = new SKFont(text.Attribute("font-weight")?.Value == "bold" ? bold : regular, size);
            canvas.DrawText(text.Value, x, y, align, font, paint);
            return;
        }
        foreach (var span in spans)
        {
            x = span.Attribute("x") is { } sx ? Num(sx.Value) : x;
            y += Num(span, "dy");
            using var font = new SKFont(span.Attribute("font-weight")?.Value == "bold" ? bold : regular, size);
            canvas.DrawText(span.Value, x, y, align, font, paint);
        }
    }
}
