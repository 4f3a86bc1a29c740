using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.QualityAudits;

/// <remarks>Board members read every round; a division lead reads and runs rounds of their divisions and their teams (ADR 0018).</remarks>
[PlanningAccess(PlanningRoles.Everyone, PlanningRoles.DivisionLead)]
public sealed class IndexModel(LivingBetterDbContext db) : PlanningPageModel
{
    public const string WholeOrganisation = "organisation";
    public const string Baseline = "baseline";

    public sealed record RoundRow(Guid Id, QualityAuditKind Kind, DateTimeOffset HeldOn, string Scope, int Plans, int Recorded, QualityAuditStatus Status);

    public sealed class StartInput
    {
        [Required(ErrorMessage = "Choose whether this is a baseline or a re-audit")]
        public string? Kind { get; set; }

        [Required(ErrorMessage = "Enter the date of the audit")]
        public string? HeldOn { get; set; }

        public string? Scope { get; set; }

        public string? SampleSize { get; set; }

        /// <summary>For a re-audit: audit the same plans as the baseline rather than draw a new sample.</summary>
        public bool SameSample { get; set; }
    }

    [BindProperty]
    public StartInput Input { get; set; } = new();

    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> KindItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ScopeItems { get; private set; } = [];

    /// <summary>Administrators and division leads start audits; board members read them.</summary>
    public bool CanStart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.HeldOn = DateValue(Now);
        Input.SampleSize = "20";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid? baselineId = null;
        (Guid? DivisionId, Guid? TeamId)? baselineGroup = null;
        if (!string.IsNullOrEmpty(Input.Kind) && Input.Kind != Baseline)
        {
            var baseline = Guid.TryParse(Input.Kind, out var b)
                ? await db.Set<QualityAuditRound>().AsNoTracking().Where(r => r.Id == b && r.OrganisationId == OrganisationId && r.Kind == QualityAuditKind.Baseline)
                    .Select(r => new { r.Id, r.Status, r.DivisionId, r.TeamId }).FirstOrDefaultAsync(ct)
                : null;
            if (baseline is null || !Scope.MayChangeGroup(baseline.DivisionId, baseline.TeamId))
            {
                ModelState.AddModelError("Input.Kind", "Choose a baseline, or a re-audit of one of this organisation's baselines");
            }
            else if (baseline.Status != QualityAuditStatus.Completed)
            {
                ModelState.AddModelError("Input.Kind", "Complete the baseline before starting a re-audit of it: a re-audit compares with a completed baseline");
            }
            else
            {
                baselineId = baseline.Id;
                // Reusing the baseline's sample keeps its group, so the re-audit is seen by the same people.
                baselineGroup = (baseline.DivisionId, baseline.TeamId);
            }
        }
        DateOnly heldOn = default;
        if (!string.IsNullOrEmpty(Input.HeldOn) && !TryParseDate(Input.HeldOn, out heldOn))
        {
            ModelState.AddModelError("Input.HeldOn", "Date of the audit must be a real date, like 24/11/2026");
        }
        var sameSample = baselineId is not null && Input.SameSample;
        Guid? divisionId = null, teamId = null;
        var size = 0;
        if (!sameSample)
        {
            var scope = Tidy(Input.Scope);
            if (scope.Length > 0 && scope != WholeOrganisation)
            {
                var parts = scope.Split(':');
                if (parts.Length == 2 && Guid.TryParse(parts[1], out var id)
                    && (parts[0] == "division" ? Scope.MayChangeGroup(id, null) && await db.Divisions.AnyAsync(d => d.Id == id && d.OrganisationId == OrganisationId, ct)
                        : parts[0] == "team" && Scope.MayChangeGroup(null, id) && await db.Teams.AnyAsync(t => t.Id == id && t.OrganisationId == OrganisationId, ct)))
                {
                    if (parts[0] == "division")
                    {
                        divisionId = id;
                    }
                    else
                    {
                        teamId = id;
                    }
                }
                else
                {
                    ModelState.AddModelError("Input.Scope", "Choose the whole organisation, one of its divisions or one of its teams");
                }
            }
            else if (!Scope.MayChangeGroup(null, null))
            {
                ModelState.AddModelError("Input.Scope", "Choose one of your divisions or one of its teams");
            }
            if (string.IsNullOrWhiteSpace(Input.SampleSize))
            {
                ModelState.AddModelError("Input.SampleSize", "Enter how many plans to sample");
            }
            else if (!int.TryParse(Tidy(Input.SampleSize), out size) || size < 1 || size > QualityAuditRound.SampleMax)
            {
                ModelState.AddModelError("Input.SampleSize", $"Number of plans to sample must be a whole number from 1 to {QualityAuditRound.SampleMax}");
            }
        }
        List<(Guid PersonId, Guid TeamId)> sample = [];
        int? seed = null;
        var eligibleCount = 0;
        if (ModelState.IsValid)
        {
            if (sameSample)
            {
                // The same people, in the same numbered order, still supported by one of the organisation's teams.
                var eligible = (await QualityAuditEligible(null, null, ct)).ToDictionary(e => e.PersonId, e => e.TeamId);
                (divisionId, teamId) = baselineGroup ?? (null, null);
                sample = (await db.Set<QualityAuditPlan>().AsNoTracking().Where(p => p.RoundId == baselineId)
                        .OrderBy(p => p.Number).Select(p => new { p.PersonId, p.TeamId }).ToListAsync(ct))
                    .Where(p => eligible.ContainsKey(p.PersonId)).Select(p => (p.PersonId, p.TeamId)).ToList();
                eligibleCount = sample.Count;
            }
            else
            {
                var eligible = await QualityAuditEligible(divisionId, teamId, ct);
                seed = AuditCriteria.NewSeed();
                eligibleCount = eligible.Count;
                sample = AuditCriteria.Draw(eligible, size, seed.Value);
            }
            if (sample.Count == 0)
            {
                ModelState.AddModelError(sameSample ? "Input.SameSample" : "Input.Scope",
                    sameSample ? "None of the baseline's people are supported by the organisation now: draw a new sample"
                        : "No one with a plan is supported there now: choose a wider group");
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var round = new QualityAuditRound
        {
            Id = Guid.NewGuid(),
            OrganisationId = OrganisationId,
            Kind = baselineId is null ? QualityAuditKind.Baseline : QualityAuditKind.ReAudit,
            BaselineRoundId = baselineId,
            DivisionId = divisionId,
            TeamId = teamId,
            HeldOn = AtMidnight(heldOn),
            CreatedAt = Now,
            Status = QualityAuditStatus.InProgress,
            SampleSeed = seed,
            EligibleCount = eligibleCount,
        };
        await AuditCriteria.AddSampleAsync(db, round, sample, Today, ct);
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisation-planning/quality-audits/{round.Id}");
    }

    private Task<List<(Guid PersonId, Guid TeamId)>> QualityAuditEligible(Guid? divisionId, Guid? teamId, CancellationToken ct) =>
        AuditCriteria.EligibleAsync(db, OrganisationId, divisionId, teamId, Now, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == OrganisationId).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        CanStart = Scope.IsAdministrator || Scope.IsDivisionLead;
        var rounds = await db.Set<QualityAuditRound>().AsNoTracking().Where(r => r.OrganisationId == OrganisationId)
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new
            {
                r.Id,
                r.Kind,
                r.HeldOn,
                r.DivisionId,
                r.TeamId,
                r.Status,
                Plans = r.Plans.Count,
                Recorded = r.Plans.Count(p => p.UpdatedAt != null),
            })
            .ToListAsync(ct);
        rounds = rounds.Where(r => Scope.MayReadGroup(r.DivisionId, r.TeamId)).ToList();
        string ScopeName(Guid? d, Guid? t) =>
            t is { } tid ? teams.FirstOrDefault(x => x.Id == tid)?.Name ?? "A team"
            : d is { } did ? divisions.FirstOrDefault(x => x.Id == did)?.Name ?? "A division"
            : "Whole organisation";
        Rounds = rounds.Select(r => new RoundRow(r.Id, r.Kind, r.HeldOn, ScopeName(r.DivisionId, r.TeamId), r.Plans, r.Recorded, r.Status)).ToList();
        KindItems =
        [
            new SelectListItem("Choose the kind of audit", ""),
            new SelectListItem("A baseline", Baseline),
            .. rounds.Where(r => r.Kind == QualityAuditKind.Baseline && r.Status == QualityAuditStatus.Completed && Scope.MayChangeGroup(r.DivisionId, r.TeamId))
                .Select(r => new SelectListItem($"A re-audit of the baseline of {Wording.Date(r.HeldOn)} ({ScopeName(r.DivisionId, r.TeamId)})", r.Id.ToString())),
        ];
        ScopeItems =
        [
            .. Scope.MayChangeGroup(null, null) ? [new SelectListItem("The whole organisation", WholeOrganisation)] : Array.Empty<SelectListItem>(),
            .. divisions.Where(d => Scope.MayChangeGroup(d.Id, null)).Select(d => new SelectListItem($"Division: {d.Name}", $"division:{d.Id}")),
            .. teams.Where(t => Scope.MayChangeGroup(null, t.Id)).Select(t => new SelectListItem($"Team: {t.Name}", $"team:{t.Id}")),
        ];
    }
}
