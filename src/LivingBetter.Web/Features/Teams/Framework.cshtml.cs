using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>
/// Views the current framework and lets team leads and administrators save an edited copy as the organisation's
/// new version. Versions are never edited in place, so a finished round always shows what people rated.
/// </summary>
public sealed class FrameworkModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    public BenchmarkFramework Framework { get; private set; } = null!;
    public List<BenchmarkTheme> Themes { get; private set; } = [];
    public string OrganisationName { get; private set; } = "";
    public bool Editing { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public FrameworkInput Input { get; set; } = new();

    public sealed class FrameworkInput
    {
        [Required(ErrorMessage = "Enter a name for this version")]
        [StringLength(BenchmarkFramework.NameMaxLength, ErrorMessage = "Name must be 120 characters or fewer")]
        public string? Name { get; set; }

        public List<ThemeInput> Themes { get; set; } = [];
    }

    public sealed class ThemeInput
    {
        public string? Key { get; set; }

        [Required(ErrorMessage = "Enter a name for each theme")]
        [StringLength(BenchmarkTheme.NameMaxLength, ErrorMessage = "Theme name must be 120 characters or fewer")]
        public string? Name { get; set; }

        public List<StatementInput> Statements { get; set; } = [];
    }

    public sealed class StatementInput
    {
        public string? Key { get; set; }

        [StringLength(BenchmarkStatement.TextMaxLength, ErrorMessage = "Each statement must be 400 characters or fewer")]
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, bool edit, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct))
        {
            return NotFound();
        }
        Editing = edit && Scope.CanManage;
        Message = done == "saved" ? "The new version is saved. The next benchmarking round will use it." : null;
        if (Editing)
        {
            Input.Name = Framework.OrganisationId is null ? $"{OrganisationName} recovery statements" : Framework.Name;
            Input.Themes = Themes.Select(t => new ThemeInput
            {
                Key = t.Key,
                Name = t.Name,
                // One empty slot per theme to add a statement.
                Statements = [.. t.Statements.Select(s => new StatementInput { Key = s.Key, Text = s.Text }), new StatementInput()],
            }).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadAsync(teamId, ct) || !Scope.CanManage)
        {
            return NotFound();
        }
        Editing = true;
        var knownThemes = Themes.Select(t => t.Key).ToHashSet();
        var knownStatements = Themes.SelectMany(t => t.Statements).Select(s => s.Key).ToHashSet();
        var kept = Input.Themes.Where(t => knownThemes.Contains(t.Key ?? "")).ToList();
        var total = kept.Sum(t => t.Statements.Count(s => !string.IsNullOrWhiteSpace(s.Text)));
        if (total == 0)
        {
            ModelState.AddModelError("Input.Name", "Keep at least one statement to rate");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var orgId = Scope.Team.OrganisationId;
        var version = (await Db.Set<BenchmarkFramework>().Where(f => f.OrganisationId == orgId).MaxAsync(f => (int?)f.Version, ct) ?? 1) + 1;
        foreach (var old in await Db.Set<BenchmarkFramework>().Where(f => f.OrganisationId == orgId && f.IsCurrent).ToListAsync(ct))
        {
            old.IsCurrent = false;
        }
        var framework = new BenchmarkFramework
        {
            Id = Guid.NewGuid(),
            OrganisationId = orgId,
            Name = Input.Name!.Trim(),
            Version = version,
            IsCurrent = true,
            CreatedAt = time.GetUtcNow(),
            Themes = kept.Select((t, i) => new BenchmarkTheme
            {
                Id = Guid.NewGuid(),
                Key = t.Key!,
                Name = t.Name!.Trim(),
                Order = i + 1,
                Statements = t.Statements.Where(s => !string.IsNullOrWhiteSpace(s.Text)).Select((s, j) => new BenchmarkStatement
                {
                    Id = Guid.NewGuid(),
                    // Unchanged keys let the next round compare with earlier ones; a new statement starts its own history.
                    Key = knownStatements.Contains(s.Key ?? "") ? s.Key! : "custom-" + Guid.NewGuid().ToString("N")[..12],
                    Text = s.Text!.Trim(),
                    Order = j + 1,
                }).ToList(),
            }).Where(t => t.Statements.Count > 0).ToList(),
        };
        Db.Add(framework);
        await Db.SaveChangesAsync(ct);
        await RecordAsync("framework-version", ct);
        return Redirect($"{Scope.Base}/framework?done=saved");
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return false;
        }
        Framework = await Plans.CurrentFrameworkAsync(Scope.Team.OrganisationId, ct);
        Themes = await Plans.ThemesAsync(Framework.Id, ct);
        OrganisationName = await Db.Organisations.Where(o => o.Id == Scope.Team.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        return true;
    }
}
