using SkiaSharp;

namespace LivingBetter.Web.Features.College;

public sealed record CertificateContent(
    string Name, string CourseTitle, string Organisation, int Attended, int Sessions, string Dates, string LivedTrainer, string ProfessionalTrainer, string IssuedOn);

/// <summary>A one-page A4 certificate of attendance, drawn with SkiaSharp so text stays real text in the PDF.</summary>
public sealed class CertificateWriter
{
    private const float Width = 595f;
    private const float Height = 842f;
    private const string FontFolder = "/usr/share/fonts/truetype/dejavu/";

    public byte[] Write(CertificateContent c)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Certificate of attendance: {c.CourseTitle}",
            Author = c.Organisation,
            Creator = "LivingBetter",
        }))
        {
            var canvas = document.BeginPage(Width, Height);
            using var regular = Typeface("DejaVuSans.ttf");
            using var bold = Typeface("DejaVuSans-Bold.ttf");
            using var border = new SKPaint { Color = new SKColor(0x00, 0x5e, 0xb8), IsStroke = true, StrokeWidth = 6, IsAntialias = true };
            canvas.DrawRect(30, 30, Width - 60, Height - 60, border);

            var y = 150f;
            y = Centred(canvas, "Recovery College", regular, 18, y, new SKColor(0x42, 0x54, 0x62));
            y = Centred(canvas, "Certificate of attendance", bold, 30, y + 20, new SKColor(0x00, 0x30, 0x87));
            y = Centred(canvas, "This is to say that", regular, 14, y + 50, SKColors.Black);
            y = Wrapped(canvas, c.Name, bold, 24, y + 20);
            y = Centred(canvas, "came to", regular, 14, y + 20, SKColors.Black);
            y = Wrapped(canvas, c.CourseTitle, bold, 20, y + 20);
            y = Centred(canvas, $"attending {c.Attended} of {c.Sessions} {(c.Sessions == 1 ? "session" : "sessions")}, {c.Dates}", regular, 13, y + 24, SKColors.Black);
            y = Wrapped(canvas, $"run by {c.Organisation}", regular, 13, y + 10);
            y = Centred(canvas, "Co-produced and taught together by", regular, 13, y + 50, SKColors.Black);
            y = Wrapped(canvas, $"{c.LivedTrainer}, trainer with lived experience,", regular, 13, y + 8);
            y = Wrapped(canvas, $"and {c.ProfessionalTrainer}, professional trainer", regular, 13, y + 4);
            Centred(canvas, $"Issued on {c.IssuedOn}", regular, 11, Height - 90, new SKColor(0x42, 0x54, 0x62));
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    private static SKTypeface Typeface(string file)
    {
        var path = Path.Combine(FontFolder, file);
        // Without the font package the PDF still comes out, in the platform's default face.
        return File.Exists(path) ? SKTypeface.FromFile(path) : SKTypeface.Default;
    }

    private static float Centred(SKCanvas canvas, string text, SKTypeface face, float size, float y, SKColor colour)
    {
        using var font = new SKFont(face, size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, Width / 2, y, SKTextAlign.Center, font, paint);
        return y + size * 0.4f;
    }

    /// <summary>Centres text over as many lines as it needs, so a long name or title never runs off the page.</summary>
    private static float Wrapped(SKCanvas canvas, string text, SKTypeface face, float size, float y)
    {
        using var font = new SKFont(face, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        const float maxWidth = Width - 140;
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                canvas.DrawText(line, Width / 2, y, SKTextAlign.Center, font, paint);
                y += size * 1.3f;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            canvas.DrawText(line, Width / 2, y, SKTextAlign.Center, font, paint);
        }
        return y + size * 0.4f;
    }
}
