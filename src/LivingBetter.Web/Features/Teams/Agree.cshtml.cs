using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class AgreeModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public int Number { get; private set; }
    public BenchmarkStatement Statement { get; private set; } = null!;
    public string Summary { get; private set; } = "";
    private BenchmarkRound _round = null!;

    [BindProperty]
    public AgreeInput Input { get; set; } = new();

    public sealed class AgreeInput
    {
        [Required(ErrorMessage = "Choose the rating the team agrees, from 1 to 5")]
        [RegularExpression("^[1-5]$", ErrorMessage = "The agreed rating must be a number from 1 to 5")]
        public string? Score { get; set; }

        [StringLength(AgreedRating.NotesMaxLength, ErrorMessage = "What we discussed must be 2000 characters or fewer")]
        public string? DiscussionNotes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, int number, Guid statementId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, number, statementId, ct))
        {
            return NotFound();
        }
        var existing = await Db.Set<AgreedRating>().AsNoTracking().FirstOrDefaultAsync(a => a.RoundId == _round.Id && a.StatementId == statementId, ct);
        Input.Score = existing?.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.DiscussionNotes = existing?.DiscussionNotes;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, int number, Guid statementId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, number, statementId, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var agreed = await Db.Set<AgreedRating>().FirstOrDefaultAsync(a => a.RoundId == _round.Id && a.StatementId == statementId, ct);
        if (agreed is null)
        {
            agreed = new AgreedRating { Id = Guid.NewGuid(), RoundId = _round.Id, StatementId = statementId };
            Db.Add(agreed);
        }
        agreed.Score = int.Parse(Input.Score!, System.Globalization.CultureInfo.InvariantCulture);
        agreed.DiscussionNotes = (Input.DiscussionNotes ?? "").Trim();
        agreed.AgreedAt = time.GetUtcNow();
        agreed.AgreedByUserId = Scope.UserId;
        await Db.SaveChangesAsync(ct);
        await RecordAsync("rating-agreed", ct);
        return Redirect($"{Scope.Base}/rounds/{number}?done=agreed#statement-{statementId}");
    }

    private async Task<bool> LoadAsync(Guid teamId, int number, Guid statementId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct) || !Scope.CanManage)
        {
            return false;
        }
        var round = await Plans.RoundAsync(teamId, number, ct);
        if (round is null || round.TeamPlan!.ClosedAt is not null)
        {
            return false;
        }
        var statement = await Db.Set<BenchmarkStatement>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == statementId && s.Theme!.FrameworkId == round.FrameworkId, ct);
        if (statement is null)
        {
            return false;
        }
        _round = round;
        Number = number;
        Statement = statement;
        var scores = await Db.Set<BenchmarkRating>().Where(r => r.RoundId == round.Id && r.StatementId == statementId)
            .Select(r => new { r.Perspective, r.Score }).ToListAsync(ct);
        string Part(string label, IEnumerable<int> s)
        {
            var spread = ScoreSpread.Of(s);
            return spread.N == 0 ? $"{label}: none yet" : $"{label}: {string.Join(", ", s.Order())} (middle {spread.Median:0.#})";
        }
        Summary = string.Join("; ", [
            Part("staff", scores.Where(x => x.Perspective == Perspective.Staff).Select(x => x.Score)),
            Part("people using the service", scores.Where(x => x.Perspective == Perspective.PersonUsingService).Select(x => x.Score)),
        ]);
        return true;
    }
}
