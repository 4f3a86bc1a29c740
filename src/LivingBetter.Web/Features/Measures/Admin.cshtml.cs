using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

/// <summary>An organisation administrator loads measure definitions as data, checks them, and switches on those the organisation is licensed for.</summary>
public sealed class AdminModel(LivingBetterDbContext db, CurrentUser current, TimeProvider time, AuditLog audit) : PageModel
{
    [BindProperty]
    public MeasureInput Input { get; set; } = new();

    public sealed class MeasureInput
    {
        [Required(ErrorMessage = "Enter a short code for the measure")]
        [StringLength(MeasureDefinition.CodeMaxLength, ErrorMessage = "Code must be 40 characters or fewer")]
        [RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Code must use only letters, numbers and hyphens")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Enter the measure's title")]
        [StringLength(MeasureDefinition.TitleMaxLength, ErrorMessage = "Title must be 120 characters or fewer")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Enter who licensed the measure to you and on what terms")]
        [StringLength(MeasureDefinition.LicenceNoteMaxLength, ErrorMessage = "Licence note must be 1000 characters or fewer")]
        public string LicenceNote { get; set; } = "";

        [Required(ErrorMessage = "Paste the questionnaire definition (JSON)")]
        [StringLength(MeasureDefinition.JsonMaxLength, ErrorMessage = "Questionnaire definition must be 200,000 characters or fewer")]
        public string DefinitionJson { get; set; } = "";

        [Required(ErrorMessage = "Paste the scoring rule (JSON)")]
        [StringLength(MeasureDefinition.JsonMaxLength, ErrorMessage = "Scoring rule must be 200,000 characters or fewer")]
        public string ScoringJson { get; set; } = "";
    }

    public IReadOnlyList<MeasureDefinition> Measures { get; private set; } = [];
    public Questionnaire? Preview { get; private set; }
    public ScoringDefinition? PreviewScoring { get; private set; }
    public string? Message { get; private set; }

    private async Task<Guid?> OrganisationAsync(CancellationToken ct)
    {
        if (!current.IsInRole(Roles.OrgAdmin) || current.Id is not { } userId)
        {
            return null;
        }
        return await db.StaffMemberships.Where(m => m.UserId == userId && m.IsAdministrator && m.LeftAt == null)
            .Select(m => (Guid?)m.OrganisationId).FirstOrDefaultAsync(ct);
    }

    private async Task LoadAsync(Guid orgId, CancellationToken ct) =>
        Measures = await db.Set<MeasureDefinition>().AsNoTracking().Where(m => m.OrganisationId == orgId).OrderBy(m => m.Title).ToListAsync(ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } orgId)
        {
            return NotFound();
        }
        await LoadAsync(orgId, ct);
        return Page();
    }

    /// <summary>Checks the definition and shows how it will look, saving nothing. "save" also stores it, switched off.</summary>
    public async Task<IActionResult> OnPostAsync(string? save, CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } orgId)
        {
            return NotFound();
        }
        await LoadAsync(orgId, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (questionnaire, qErrors) = ScoringEngine.ParseQuestionnaire(Input.DefinitionJson);
        foreach (var e in qErrors)
        {
            ModelState.AddModelError("Input.DefinitionJson", e);
        }
        var (scoring, sErrors) = ScoringEngine.ParseScoring(Input.ScoringJson, questionnaire);
        foreach (var e in sErrors)
        {
            ModelState.AddModelError("Input.ScoringJson", e);
        }
        if (Measures.Any(m => string.Equals(m.Code, Input.Code.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Input.Code", $"Your organisation already has a measure with the code {Input.Code.Trim()}");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Preview = questionnaire;
        PreviewScoring = scoring;
        if (save is null)
        {
            return Page();
        }
        var measure = new MeasureDefinition
        {
            Id = Guid.NewGuid(),
            OrganisationId = orgId,
            Code = Input.Code.Trim(),
            Title = Input.Title.Trim(),
            LicenceNote = Input.LicenceNote.Trim(),
            DefinitionJson = Input.DefinitionJson,
            ScoringJson = Input.ScoringJson,
            Enabled = false,
            CreatedByUserId = current.RequiredId,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(measure);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "measures.definition.add", "Measures", ct: ct);
        return Redirect("/organisation/measures?added=" + measure.Id);
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, bool enable, CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } orgId)
        {
            return NotFound();
        }
        var measure = await db.Set<MeasureDefinition>().FirstOrDefaultAsync(m => m.Id == id && m.OrganisationId == orgId, ct);
        if (measure is null)
        {
            return NotFound();
        }
        measure.Enabled = enable;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, enable ? "measures.definition.enable" : "measures.definition.disable", "Measures", ct: ct);
        return Redirect("/organisation/measures");
    }
}
