using SkiaSharp;

namespace LivingBetter.Web.Infrastructure;

/// <summary>Text layout shared by every PDF the application draws (plans, crisis card, team plan, certificates).</summary>
public static class PdfText
{
    private const string FontDirectory = "/usr/share/fonts/truetype/dejavu/";

    /// <summary>DejaVu Sans, embedded in every PDF so the person's words, accents and symbols come out exactly as typed.</summary>
    public static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));

    public static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    private static SKTypeface Load(string file)
    {
        var path = Path.Combine(FontDirectory, file);
        return File.Exists(path) ? SKTypeface.FromFile(path) : SKTypeface.Default;
    }

    /// <summary>
    /// Breaks a paragraph into lines no wider than <paramref name="maxWidth"/>. An empty paragraph is one
    /// blank line; a single word wider than the line (a long link, say) is broken by characters.
    /// </summary>
    public static IEnumerable<string> Wrap(string paragraph, SKFont font, float maxWidth)
    {
        if (string.IsNullOrWhiteSpace(paragraph))
        {
            yield return "";
            yield break;
        }
        var line = "";
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= maxWidth)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                yield return line;
            }
            line = word;
            while (font.MeasureText(line) > maxWidth && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && font.MeasureText(line[..cut]) > maxWidth)
                {
                    cut--;
                }
                yield return line[..cut];
                line = line[cut..];
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
