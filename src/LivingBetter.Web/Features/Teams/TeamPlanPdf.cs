using System.Globalization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using SkiaSharp;

namespace LivingBetter.Web.Features.Teams;

/// <summary>
/// The whole team plan as an A4 PDF for a board or an away-day. Drawn with SkiaSharp (MIT) and DejaVu Sans,
/// which covers the characters people type; text stays real text, so it can be searched and read aloud.
/// </summary>
public static class TeamPlanPdf
{
    public static async Task<IResult> HandleAsync(Guid teamId, TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var scope = await access.ForTeamAsync(teamId, ct);
        if (scope is null)
        {
            return Results.NotFound();
        }
        var summary = await plans.SummariseAsync(db, scope.Team, ct);
        await audit.RecordAsync(null, "trip.pdf", "TeamPlan", ct: ct);
        var bytes = Render(summary, time.GetUtcNow());
        var name = $"team-plan-{summary.Plan?.CycleYear.ToString(CultureInfo.InvariantCulture) ?? "not-started"}.pdf";
        return Results.File(bytes, "application/pdf", name);
    }

    public static byte[] Render(TeamPlanSummary s, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var writer = new PdfWriter(stream, $"{s.Team.Name} team recovery plan"))
        {
            writer.Heading1(s.Team.Name);
            writer.Text(s.Plan is null ? "Team recovery plan: not started yet" : $"Team recovery plan for {s.Plan.CycleYear}, started {Wording.Date(s.Plan.StartedAt)}", 12, Grey);
            writer.Text($"Printed {Wording.Date(now)}", 10, Grey);
            writer.Space(10);

            writer.Heading2("Who is in the team plan");
            foreach (var m in s.Members)
            {
                writer.Bullet($"{m.Name} ({TeamPlanRules.Label(m.Role)})");
            }

            writer.Heading2("Benchmarking");
            if (s.Latest is not { } latest)
            {
                writer.Text("No benchmarking round yet.");
            }
            else
            {
                writer.Text(latest.Previous is null
                    ? $"Round {latest.Round.Number}, opened {Wording.Date(latest.Round.OpenedAt)}. Team score by theme, out of 5:"
                    : $"Round {latest.Round.Number} compared with round {latest.Previous.Number}. Team score by theme, out of 5:");
                writer.Chart(latest);
                foreach (var t in latest.Themes)
                {
                    var change = t.Change is { } c ? c > 0 ? $", up {c:0.0}" : c < 0 ? $", down {-c:0.0}" : ", no change" : "";
                    writer.Bullet(string.Create(CultureInfo.InvariantCulture, $"{t.Theme.Name}: {(t.Score is { } sc ? sc.ToString("0.0", CultureInfo.InvariantCulture) : "not rated")}{change}"));
                }
            }

            writer.Heading2("Our priorities");
            if (s.Priorities.Count == 0)
            {
                writer.Text("No priorities yet.");
            }
            foreach (var (p, _) in s.Priorities)
            {
                writer.Bullet($"{TeamPlanRules.Label(p.Kind)}: {p.Title}");
            }

            writer.Heading2("Our actions");
            if (s.Actions.Count == 0)
            {
                writer.Text("No actions yet.");
            }
            foreach (var a in s.Actions)
            {
                writer.Heading3(a.Action.Specific + (a.Overdue ? " (overdue)" : ""));
                writer.Text($"How we will know: {a.Action.Measure}");
                writer.Text($"Joint leads: {string.Join(", ", a.Leads.Select(l => $"{l.Name} ({TeamPlanRules.Label(l.Perspective)})"))}");
                if (a.Action.WorkingGroup.Length > 0)
                {
                    writer.Text($"Working group: {a.Action.WorkingGroup}");
                }
                writer.Text($"Done by {TeamPlanRules.Date(a.Action.DueDate)}. Status: {TeamPlanRules.Label(a.Action.Status)}.");
            }

            writer.Heading2("Reviews");
            if (s.Reviews.Count == 0)
            {
                writer.Text("No review meetings yet.");
            }
            foreach (var r in s.Reviews)
            {
                writer.Heading3($"{(r.Meeting.Kind == ReviewKind.Annual ? "Annual review" : "Review")} on {TeamPlanRules.Date(r.Meeting.Date)}");
                writer.Text($"Who came: {string.Join(", ", r.Attendees.Select(x => $"{x.Name} ({TeamPlanRules.Label(x.Perspective)})"))}");
                if (r.Meeting.Notes.Length > 0)
                {
                    writer.Text(r.Meeting.Notes);
                }
            }
        }
        return stream.ToArray();
    }

    private static readonly SKColor Ink = new(0x21, 0x2b, 0x32);
    private static readonly SKColor Grey = new(0x4c, 0x61, 0x72);
    private static readonly SKColor Blue = new(0x00, 0x5e, 0xb8);
    private static readonly SKColor LightGrey = new(0xae, 0xb7, 0xbd);

    /// <summary>A minimal flowing-text writer: headings, wrapped paragraphs, bullets and a bar chart, with page breaks.</summary>
    private sealed class PdfWriter : IDisposable
    {
        private const float Width = 595, Height = 842, Margin = 50;
        private const string FontDir = "/usr/share/fonts/truetype/dejavu/";
        private readonly SKDocument _doc;
        private readonly SKTypeface _regular;
        private readonly SKTypeface _bold;
        private SKCanvas? _canvas;
        private float _y;

        public PdfWriter(Stream stream, string title)
        {
            _doc = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title, Creator = "LivingBetter" });
            _regular = SKTypeface.FromFile(FontDir + "DejaVuSans.ttf") ?? SKTypeface.Default;
            _bold = SKTypeface.FromFile(FontDir + "DejaVuSans-Bold.ttf") ?? _regular;
            NewPage();
        }

        private void NewPage()
        {
            if (_canvas is not null)
            {
                _doc.EndPage();
            }
            _canvas = _doc.BeginPage(Width, Height);
            _y = Margin;
        }

        private void Ensure(float height)
        {
            if (_y + height > Height - Margin)
            {
                NewPage();
            }
        }

        public void Heading1(string text) => Write(text, 22, Ink, _bold, 0, 8);
        public void Heading2(string text) { Space(8); Write(text, 16, Ink, _bold, 0, 4); }
        public void Heading3(string text) { Space(2); Write(text, 12, Ink, _bold, 0, 2); }
        public void Text(string text, float size = 11) => Write(text, size, Ink, _regular, 0, 4);
        public void Text(string text, float size, SKColor colour) => Write(text, size, colour, _regular, 0, 4);
        public void Space(float points) => _y += points;

        public void Bullet(string text)
        {
            Ensure(16);
            using var font = new SKFont(_regular, 11);
            using var paint = new SKPaint { Color = Ink, IsAntialias = true };
            _canvas!.DrawText("•", Margin + 4, _y + 11, font, paint);
            Write(text, 11, Ink, _regular, 16, 2);
        }

        public void Chart(CollatedRound round)
        {
            const float label = 190, bar = 260, row = 30;
            using var font = new SKFont(_regular, 9);
            using var ink = new SKPaint { Color = Ink, IsAntialias = true };
            using var previous = new SKPaint { Color = LightGrey };
            using var current = new SKPaint { Color = Blue };
            foreach (var t in round.Themes)
            {
                Ensure(row);
                var name = t.Theme.Name.Length > 36 ? t.Theme.Name[..35] + "…" : t.Theme.Name;
                _canvas!.DrawText(name, Margin, _y + 14, font, ink);
                if (t.PreviousScore is { } before)
                {
                    _canvas.DrawRect(Margin + label, _y + 2, (float)(before / 5 * bar), 9, previous);
                }
                if (t.Score is { } score)
                {
                    _canvas.DrawRect(Margin + label, _y + 13, (float)(score / 5 * bar), 9, current);
                    _canvas.DrawText(score.ToString("0.0", CultureInfo.InvariantCulture), Margin + label + (float)(score / 5 * bar) + 4, _y + 21, font, ink);
                }
                _y += row;
            }
            if (round.Previous is not null)
            {
                Text($"Grey: round {round.Previous.Number}. Blue: round {round.Round.Number}.", 9, Grey);
            }
        }

        private void Write(string text, float size, SKColor colour, SKTypeface face, float indent, float after)
        {
            using var font = new SKFont(face, size);
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            var lineHeight = size * 1.35f;
            var maxWidth = Width - 2 * Margin - indent;
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                foreach (var line in PdfText.Wrap(paragraph, font, maxWidth))
                {
                    Ensure(lineHeight);
                    _canvas!.DrawText(line, Margin + indent, _y + size, font, paint);
                    _y += lineHeight;
                }
            }
            _y += after;
        }

        public void Dispose()
        {
            _doc.EndPage();
            _doc.Close();
            _doc.Dispose();
            _regular.Dispose();
            if (_bold != _regular)
            {
                _bold.Dispose();
            }
        }
    }
}
