using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MakingItReal;

public sealed class RateModel(LivingBetterDbContext db) : PlanningPageModel
{
    public sealed class StatementInput
    {
        [Range(MakingItRealScale.Min, MakingItRealScale.Max, ErrorMessage = "Rating must be between 1 and 4")]
        public int? Rating { get; set; }

        [StringLength(PlanningText.LongMax, ErrorMessage = "Evidence must be 4000 characters or fewer")]
        public string? Evidence { get; set; }
    }

    public sealed class RateInput
    {
        [Required(ErrorMessage = "Enter the date of the check")]
        public string? HeldOn { get; set; }

        /// <summary>One entry per statement, in the order of <see cref="MakingItRealStatements.All"/>.</summary>
        public List<StatementInput> Ratings { get; set; } = [];
    }

    [BindProperty]
    public RateInput Input { get; set; } = new();

    public IReadOnlyList<Statement> Statements { get; } = MakingItRealStatements.All.ToList();
    public IReadOnlyDictionary<string, int?> LastTime { get; private set; } = new Dictionary<string, int?>();
    public DateTimeOffset? LastHeldOn { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadLastAsync(ct);
        Input.HeldOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Input.Ratings = Statements.Select(_ => new StatementInput()).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Entries beyond the statements are ignored; missing ones are simply not rated.
        while (Input.Ratings.Count < Statements.Count)
        {
            Input.Ratings.Add(new StatementInput());
        }
        DateOnly heldOn = default;
        if (!string.IsNullOrWhiteSpace(Input.HeldOn) && !TryParseDate(Input.HeldOn, out heldOn))
        {
            ModelState.AddModelError("Input.HeldOn", "Date of the check must be a real date, like 24/11/2026");
        }
        if (ModelState.IsValid && Input.Ratings.Take(Statements.Count).All(r => r.Rating is null))
        {
            ModelState.AddModelError("Input.Ratings[0].Rating", "Rate at least one statement");
        }
        if (!ModelState.IsValid)
        {
            await LoadLastAsync(ct);
            return Page();
        }
        var round = new MakingItRealRound { Id = Guid.NewGuid(), OrganisationId = OrganisationId, HeldOn = AtMidnight(heldOn), CreatedAt = Now };
        for (var i = 0; i < Statements.Count; i++)
        {
            round.Ratings.Add(new StatementRating
            {
                Id = Guid.NewGuid(),
                StatementKey = Statements[i].Key,
                Rating = Input.Ratings[i].Rating,
                Evidence = Tidy(Input.Ratings[i].Evidence),
            });
        }
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/making-it-real");
    }

    private async Task LoadLastAsync(CancellationToken ct)
    {
        var last = await db.Set<MakingItRealRound>().AsNoTracking().Where(r => r.OrganisationId == OrganisationId)
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new { r.HeldOn, Ratings = r.Ratings.Select(s => new { s.StatementKey, s.Rating }).ToList() })
            .FirstOrDefaultAsync(ct);
        LastHeldOn = last?.HeldOn;
        LastTime = last?.Ratings.ToDictionary(s => s.StatementKey, s => s.Rating) ?? new Dictionary<string, int?>();
    }
}
