using LivingBetter.Web.Infrastructure;
using SkiaSharp;

namespace LivingBetter.Web.Features.Plans;

/// <summary>One titled part of a printed plan.</summary>
public sealed record PdfSection(string Heading, IReadOnlyList<FieldText> Fields);

/// <summary>
/// Draws plans as PDF on the server with SkiaSharp (MIT). Fonts are embedded from DejaVu Sans so the
/// person's words, accents and symbols come out exactly as typed, and the text stays selectable.
/// </summary>
public sealed class PlanPdf
{
    private static readonly Lazy<SKTypeface> Regular = PdfText.Regular;
    private static readonly Lazy<SKTypeface> Bold = PdfText.Bold;

    public const float A4Width = 595, A4Height = 842, A6Width = 298, A6Height = 420;

    /// <param name="extraPages">Drawn each on a page of its own after the sections (canvas, page width, height, margin): the check-in pictures.</param>
    public byte[] WholePlan(string title, string personName, IReadOnlyList<PdfSection> sections, DateTimeOffset generatedAt,
        IReadOnlyList<Action<SKCanvas, float, float, float>>? extraPages = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new PdfWriter(stream, title, A4Width, A4Height, margin: 50, generatedAt))
        {
            writer.Text(title, Bold.Value, 20, spaceAfter: 4);
            writer.Text($"{personName}. Printed {generatedAt:d MMMM yyyy}.", Regular.Value, 10, spaceAfter: 14);
            foreach (var section in sections)
            {
                writer.Text(section.Heading, Bold.Value, 15, spaceBefore: 10, spaceAfter: 6);
                WriteFields(writer, section.Fields, 10.5f);
            }
            foreach (var page in extraPages ?? [])
            {
                writer.Page(page);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The two ways to carry the crisis card.</summary>
    public enum CardSize
    {
        /// <summary>One A6 page, pocket-sized.</summary>
        A6,
        /// <summary>An A4 sheet, landscape, in two halves with a fold line: folded once it makes an A5 card with larger text.</summary>
        FoldedA4,
    }

    public byte[] CrisisCard(string personName, CrisisContent crisis, DateTimeOffset generatedAt, CardSize size = CardSize.A6)
    {
        using var stream = new MemoryStream();
        var folded = size == CardSize.FoldedA4;
        using (var writer = folded
            ? new PdfWriter(stream, "My crisis card", A4Height, A4Width, margin: 36, generatedAt, columns: 2, gutter: 72)
            : new PdfWriter(stream, "My crisis card", A6Width, A6Height, margin: 18, generatedAt))
        {
            var scale = folded ? 1.45f : 1f;
            writer.Text("My crisis card", Bold.Value, 13 * scale, spaceAfter: 2);
            writer.Text($"{personName}. Updated {generatedAt:d MMMM yyyy}." + (folded ? " Fold along the dashed line." : ""), Regular.Value, 7 * scale, spaceAfter: 6);
            var fields = new List<FieldText>
            {
                new("", "If you see these signs, please follow my plan", crisis.TakeOverSigns, []),
                new("", "Please contact", "", crisis.Supporters.Select(s =>
                    string.Join(", ", new[] { s.Name, s.Relationship, s.Contact }.Where(x => x.Length > 0))
                    + (s.WhatIWant.Length > 0 ? ": " + s.WhatIWant : "")).ToList()),
                new("", "Please do not involve", crisis.NotInvolved, []),
                new("", "What helps me", crisis.WhatHelps, []),
                new("", "What does not help", crisis.WhatDoesNotHelp, []),
                new("", "My medicines", crisis.Medicines, []),
                new("", "Allergies", crisis.Allergies, []),
                new("", "Medicines to avoid", crisis.MedicinesToAvoid, []),
                new("", "Where I'd prefer to be cared for", crisis.PlacesPreferred, []),
                new("", "At home", crisis.AtHome, []),
            };
            var written = fields.Where(f => f.Text.Length > 0 || f.Items.Count > 0).ToList();
            if (written.Count == 0)
            {
                // A card with only a title would look finished to someone reading it in a crisis; say plainly it is not.
                writer.Text("This crisis plan has nothing written in it yet.", Bold.Value, 7.5f * scale, spaceBefore: 4 * scale, spaceAfter: 2);
                writer.Text("Write it in LivingBetter under My plans, Crisis plan, then download this card again.", Regular.Value, 7.5f * scale);
            }
            WriteFields(writer, written, 7.5f * scale);
        }
        return stream.ToArray();
    }

    private static void WriteFields(PdfWriter writer, IReadOnlyList<FieldText> fields, float size)
    {
        foreach (var field in fields)
        {
            writer.Text(field.Label, Bold.Value, size, spaceBefore: size * 0.5f, spaceAfter: 1);
            if (field.Items.Count > 0)
            {
                foreach (var item in field.Items)
                {
                    writer.Text("• " + item, Regular.Value, size, indent: size);
                }
            }
            else
            {
                writer.Text(field.Text.Length > 0 ? field.Text : "Not written yet", Regular.Value, size);
            }
        }
    }

    /// <summary>A minimal flowing-text layout: wraps words to the page width and starts new pages as needed.</summary>
    private sealed class PdfWriter : IDisposable
    {
        private readonly SKDocument _document;
        private readonly float _width, _height, _margin, _gutter;
        private readonly int _columns;
        private int _column;
        private SKCanvas? _canvas;
        private float _y;
        private readonly SKPaint _paint = new() { Color = SKColors.Black, IsAntialias = true };

        private float ColumnWidth => (_width - 2 * _margin - (_columns - 1) * _gutter) / _columns;

        private float Left => _margin + _column * (ColumnWidth + _gutter);

        public PdfWriter(Stream stream, string title, float width, float height, float margin, DateTimeOffset at, int columns = 1, float gutter = 0)
        {
            (_columns, _gutter) = (columns, gutter);
            _document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
            {
                Title = title,
                Creator = "LivingBetter",
                Producer = "LivingBetter",
                Creation = at.UtcDateTime,
                Modified = at.UtcDateTime,
            });
            (_width, _height, _margin) = (width, height, margin);
            NewPage();
        }

        private void NewPage()
        {
            if (_canvas is not null)
            {
                _document.EndPage();
            }
            _canvas = _document.BeginPage(_width, _height);
            _y = _margin;
            _column = 0;
            for (var c = 1; c < _columns; c++)
            {
                // A dashed fold line down the middle of each gutter.
                var x = _margin + c * (ColumnWidth + _gutter) - _gutter / 2;
                using var fold = new SKPaint { Color = SKColors.Gray, StrokeWidth = 0.75f, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = SKPathEffect.CreateDash([6, 4], 0) };
                _canvas.DrawLine(x, _margin / 2, x, _height - _margin / 2, fold);
            }
        }

        /// <summary>Moves to the next column, or a new page after the last one.</summary>
        private void Break()
        {
            if (_column + 1 < _columns)
            {
                _column++;
                _y = _margin;
            }
            else
            {
                NewPage();
            }
        }

        public void Text(string text, SKTypeface typeface, float size, float spaceBefore = 0, float spaceAfter = 2, float indent = 0)
        {
            using var font = new SKFont(typeface, size);
            var lineHeight = size * 1.35f;
            var maxWidth = ColumnWidth - indent;
            _y += spaceBefore;
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                foreach (var line in PdfText.Wrap(paragraph, font, maxWidth))
                {
                    if (_y + lineHeight > _height - _margin)
                    {
                        Break();
                    }
                    _y += size;
                    _canvas!.DrawText(line, Left + indent, _y, SKTextAlign.Left, font, _paint);
                    _y += lineHeight - size;
                }
            }
            _y += spaceAfter;
        }

        public void Page(Action<SKCanvas, float, float, float> draw)
        {
            NewPage();
            draw(_canvas!, _width, _height, _margin);
            _y = _height;
        }

        public void Dispose()
        {
            _document.EndPage();
            _document.Close();
            _document.Dispose();
            _paint.Dispose();
        }
    }
}
