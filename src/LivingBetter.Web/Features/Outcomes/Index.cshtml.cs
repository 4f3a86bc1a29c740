using System.Text;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Outcomes;

/// <summary>
/// Anonymised outcome reports for an organisation's administrators and board members, and for a
/// division lead restricted to their own divisions (ADR 0018: the division filter is forced here, so
/// the page, its charts and the CSV can never be widened by the query string): filters and a breakdown chosen
/// on the page, figures counted in the database and passed through <see cref="SmallNumbers"/>.
/// Every read is written to the audit log as an organisation-level event, with no personal data.
/// </summary>
[PlanningAccess(PlanningRoles.Everyone)]
public sealed class OutcomesModel(LivingBetterDbContext db, OutcomeQuery query, AuditLog audit) : PlanningPageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Locality { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public string? Gender { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ethnicity { get; set; }
    [BindProperty(SupportsGet = true)] public string? By { get; set; }

    public IReadOnlyList<SelectListItem> Divisions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Localities { get; private set; } = [];
    public IReadOnlyList<SelectListItem> AgeBands { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Genders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Ethnicities { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Breakdowns { get; private set; } = [];

    public OutcomeReport? Report { get; private set; }
    public string FilterDescription { get; private set; } = "";
    public string CsvLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RunAsync(ct) is { } filter)
        {
            await audit.RecordAsync(null, "outcomes.report.read", "Organisation", ct: ct);
            CsvLink = "/organisation-planning/outcomes?handler=csv&" + QueryOf(filter);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await RunAsync(ct) is null || Report is null)
        {
            return Page();
        }
        await audit.RecordAsync(null, "outcomes.report.export", "Organisation", ct: ct);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Report.ToCsv(FilterDescription))).ToArray(), "text/csv", "outcomes.csv");
    }

    private async Task<OutcomeFilter?> RunAsync(CancellationToken ct)
    {
        var whole = Scope.SeesWholeOrganisation;
        var leadDivisions = Scope.LeadDivisionIds.ToList();
        var leadTeams = Scope.LeadTeamIds.ToList();
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.OrganisationId == OrganisationId && (whole || leadDivisions.Contains(d.Id)))
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == OrganisationId && (whole || leadTeams.Contains(t.Id)))
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var localities = await db.Localities.AsNoTracking().Where(l => l.OrganisationId == OrganisationId).OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var supported = db.CareEpisodes.Where(e => e.EndedAt == null && e.Team!.OrganisationId == OrganisationId && (whole || leadTeams.Contains(e.TeamId))).Select(e => e.Person!);
        if (!whole && string.IsNullOrWhiteSpace(Division) && divisions.Count > 0)
        {
            // A division lead's report is always of one of their divisions: the first unless they chose another.
            Division = divisions[0].Id.ToString();
        }
        // Both lists in one pass over the people supported (one statement, not two: at 100,000 people each pass costs
        // about a quarter of a second of CPU on SQLite).
        var recorded = await supported.Where(p => (p.Gender != null && p.Gender != "") || (p.Ethnicity != null && p.Ethnicity != ""))
            .Select(p => new { p.Gender, p.Ethnicity }).Distinct().ToListAsync(ct);
        var genders = recorded.Select(r => r.Gender).OfType<string>().Where(g => g.Length > 0).Distinct().ToList();
        var ethnicities = recorded.Select(r => r.Ethnicity).OfType<string>().Where(e => e.Length > 0).Distinct().ToList();

        static List<SelectListItem> Items(string any, IEnumerable<(string Value, string Text)> items) =>
            [new SelectListItem(any, ""), .. items.Select(i => new SelectListItem(i.Text, i.Value))];
        Divisions = whole ? Items("All divisions", divisions.Select(d => (d.Id.ToString(), d.Name)))
            : divisions.Select(d => new SelectListItem(d.Name, d.Id.ToString())).ToList();
        Teams = Items(whole ? "All teams" : "All teams in the division", teams.Select(t => (t.Id.ToString(), t.Name)));
        Localities = Items("All localities", localities.Select(l => (l.Id.ToString(), l.Name)));
        AgeBands = Items("All ages", OutcomeQuery.AgeBands.Select(b => (b.Label, b.Label)).Append((OutcomeQuery.NotRecorded, OutcomeQuery.NotRecorded)));
        Genders = Items("All genders", genders.Order(StringComparer.OrdinalIgnoreCase).Select(g => (g, g)).Append((OutcomeQuery.NotRecorded, OutcomeQuery.NotRecorded)));
        Ethnicities = Items("All ethnic groups", ethnicities.Order(StringComparer.OrdinalIgnoreCase).Select(g => (g, g)).Append((OutcomeQuery.NotRecorded, OutcomeQuery.NotRecorded)));
        Breakdowns = Enum.GetValues<Breakdown>().Select(b => new SelectListItem(BreakdownName(b), b == Breakdown.None ? "" : b.ToString())).ToList();

        Guid? Pick(string? text, string field, string what, IEnumerable<Guid> allowed)
        {
            var value = Tidy(text);
            if (value.Length == 0)
            {
                return null;
            }
            if (Guid.TryParse(value, out var id) && allowed.Contains(id))
            {
                return id;
            }
            ModelState.AddModelError(field, $"Select a {what} from the list");
            return null;
        }
        string? Choose(string? text, string field, string what, IReadOnlyList<SelectListItem> allowed)
        {
            var value = Tidy(text);
            if (value.Length == 0)
            {
                return null;
            }
            if (allowed.Any(a => a.Value == value))
            {
                return value;
            }
            ModelState.AddModelError(field, $"Select {what} from the list");
            return null;
        }
        var filter = new OutcomeFilter
        {
            DivisionId = Pick(Division, nameof(Division), "division", divisions.Select(d => d.Id)),
            TeamId = Pick(Team, nameof(Team), "team", teams.Select(t => t.Id)),
            LocalityId = Pick(Locality, nameof(Locality), "locality", localities.Select(l => l.Id)),
            AgeBand = Choose(Age, nameof(Age), "an age band", AgeBands),
            Gender = Choose(Gender, nameof(Gender), "a gender", Genders),
            Ethnicity = Choose(Ethnicity, nameof(Ethnicity), "an ethnic group", Ethnicities),
        };
        var by = Tidy(By);
        if (by.Length > 0)
        {
            if (EnumNames.Parse<Breakdown>(by) is { } b)
            {
                filter = filter with { By = b };
            }
            else
            {
                ModelState.AddModelError(nameof(By), "Select what to break the report down by from the list");
            }
        }
        if (!whole && (filter.DivisionId is not { } chosen || !Scope.LeadDivisionIds.Contains(chosen)))
        {
            // Never a report wider than the lead's divisions, whatever the query string says.
            ModelState.AddModelError(nameof(Division), "Select a division from the list");
        }
        if (!ModelState.IsValid)
        {
            return null;
        }

        var year = Today.Year;
        var domainInfo = await query.DomainsInfoAsync(OrganisationId, ct);
        var measureInfo = await query.MeasuresAsync(OrganisationId, ct);
        var (sizes, changes, unmet) = await query.AreasAsync(OrganisationId, filter, year, ct);
        var measures = new List<MeasureRaw>();
        foreach (var m in measureInfo)
        {
            measures.AddRange(await query.MeasureChangeAsync(OrganisationId, filter, year, m, ct));
        }
        Report = OutcomeReport.Build(sizes, changes, measures, unmet, domainInfo, measureInfo);

        var parts = new List<string>();
        void Add(string label, IReadOnlyList<SelectListItem> items, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{label}: {items.First(i => i.Value == value).Text}");
            }
        }
        Add("division", Divisions, filter.DivisionId?.ToString());
        Add("team", Teams, filter.TeamId?.ToString());
        Add("locality", Localities, filter.LocalityId?.ToString());
        Add("age", AgeBands, filter.AgeBand);
        Add("gender", Genders, filter.Gender);
        Add("ethnic group", Ethnicities, filter.Ethnicity);
        FilterDescription = (parts.Count == 0 ? "Everyone supported by " + OrganisationName : string.Join("; ", parts))
            + (filter.By == Breakdown.None ? "" : "; by " + BreakdownName(filter.By).ToLowerInvariant());
        return filter;
    }

    public static string BreakdownName(Breakdown b) => b switch
    {
        Breakdown.None => "No breakdown",
        Breakdown.AgeBand => "Age band",
        Breakdown.Ethnicity => "Ethnic group",
        _ => b.ToString(),
    };

    private static string QueryOf(OutcomeFilter f)
    {
        var q = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                q.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("division", f.DivisionId?.ToString());
        Add("team", f.TeamId?.ToString());
        Add("locality", f.LocalityId?.ToString());
        Add("age", f.AgeBand);
        Add("gender", f.Gender);
        Add("ethnicity", f.Ethnicity);
        Add("by", f.By == Breakdown.None ? null : f.By.ToString());
        return string.Join('&', q);
    }
}
