using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class RateModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public BenchmarkRound Round { get; private set; } = null!;
    public List<BenchmarkTheme> Themes { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty]
    public RateInput Input { get; set; } = new();

    public sealed class RateInput
    {
        public List<RatingInput> Ratings { get; set; } = [];
        public bool InMeeting { get; set; }
    }

    /// <summary>Score is a string so that junk becomes our own clear message rather than a binder error.</summary>
    public sealed class RatingInput
    {
        public Guid StatementId { get; set; }
        public string? Score { get; set; }
        public string? Comment { get; set; }

        public int? Parsed => int.TryParse(Score, out var s) ? s : null;
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, int number, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, number, ct))
        {
            return NotFound();
        }
        Saved = saved;
        var mine = await Db.Set<BenchmarkRating>().AsNoTracking().Where(r => r.RoundId == Round.Id && r.UserId == Scope.UserId)
            .ToDictionaryAsync(r => r.StatementId, ct);
        Input.InMeeting = mine.Values.Any(r => r.InMeeting);
        Input.Ratings = Themes.SelectMany(t => t.Statements).Select(s => new RatingInput
        {
            StatementId = s.Id,
            Score = mine.TryGetValue(s.Id, out var r) ? r.Score.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            Comment = mine.TryGetValue(s.Id, out var c) ? c.Comment : null,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, int number, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, number, ct))
        {
            return NotFound();
        }
        if (Round.ClosedAt is not null || Scope.Perspective is not { } perspective)
        {
            return Page();
        }
        ModelState.Clear();
        var statements = Themes.SelectMany(t => t.Statements).ToList();
        var position = statements.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        var given = new List<(Guid StatementId, int Score, string Comment)>();
        for (var i = 0; i < Input.Ratings.Count; i++)
        {
            var r = Input.Ratings[i];
            if (!position.TryGetValue(r.StatementId, out var n))
            {
                continue;
            }
            var comment = (r.Comment ?? "").Trim();
            var key = $"Input.Ratings[{i}].Score";
            if (string.IsNullOrWhiteSpace(r.Score))
            {
                if (comment.Length > 0)
                {
                    ModelState.AddModelError(key, $"Choose a rating for statement {n} to go with your comment");
                }
                continue;
            }
            if (r.Parsed is not { } score || score < BenchmarkRating.MinScore || score > BenchmarkRating.MaxScore)
            {
                ModelState.AddModelError(key, $"Rating for statement {n} must be a number from 1 to 5");
                continue;
            }
            if (comment.Length > BenchmarkRating.CommentMaxLength)
            {
                ModelState.AddModelError(key, $"Comment on statement {n} must be {BenchmarkRating.CommentMaxLength} characters or fewer");
                continue;
            }
            given.Add((r.StatementId, score, comment));
        }
        if (!ModelState.IsValid)
        {
            // The form posts statements in order, so the indexes of the errors match the page as drawn.
            return Page();
        }

        var existing = await Db.Set<BenchmarkRating>().Where(r => r.RoundId == Round.Id && r.UserId == Scope.UserId).ToDictionaryAsync(r => r.StatementId, ct);
        var now = time.GetUtcNow();
        foreach (var (statementId, score, comment) in given)
        {
            if (!existing.TryGetValue(statementId, out var rating))
            {
                rating = new BenchmarkRating { Id = Guid.NewGuid(), RoundId = Round.Id, StatementId = statementId, UserId = Scope.UserId };
                Db.Add(rating);
            }
            rating.Perspective = perspective;
            rating.Score = score;
            rating.Comment = comment;
            rating.InMeeting = Input.InMeeting;
            rating.At = now;
        }
        await Db.SaveChangesAsync(ct);
        await RecordAsync("ratings-saved", ct);
        return Redirect($"{Scope.Base}/rounds/{Round.Number}/rate?saved=true");
    }

    private async Task<bool> LoadAsync(Guid teamId, int number, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        var round = await Plans.RoundAsync(teamId, number, ct);
        if (round is null)
        {
            return false;
        }
        Round = round;
        Themes = await Plans.ThemesAsync(round.FrameworkId, ct);
        return true;
    }
}
