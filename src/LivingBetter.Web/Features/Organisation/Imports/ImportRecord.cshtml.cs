using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.Organisation.Imports;

/// <summary>
/// An organisation administrator brings in a person's record from a FHIR bundle, for one of the
/// organisation's teams, with the person's agreement (ADR 0023). Imported whole or not at all.
/// </summary>
public sealed class ImportRecordModel(FhirRecordImport import) : OrganisationAdminPageModel
{
    [BindProperty]
    public ImportRecordInput Input { get; set; } = new();

    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];

    /// <summary>Why the file was not imported (each problem named by its place in the file).</summary>
    public IReadOnlyList<FhirProblem> BundleProblems { get; private set; } = [];

    public IReadOnlyList<string> Similar { get; private set; } = [];

    public IEnumerable<SelectListItem> TeamItems =>
        (Teams.Count == 1 ? [] : new[] { new SelectListItem("Choose a team", "") })
            .Concat(Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())));

    public async Task OnGetAsync(CancellationToken ct) => Teams = await import.TeamsAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? bundle, CancellationToken ct)
    {
        Teams = await import.TeamsAsync(ct);
        byte[] body = [];
        if (bundle is null || bundle.Length == 0)
        {
            ModelState.AddModelError("bundle", "Choose a FHIR bundle file to import");
        }
        else if (bundle.Length > FhirReader.MaxBytes)
        {
            ModelState.AddModelError("bundle", $"The file must be smaller than {FhirReader.MaxBytes / 1024 / 1024} MB");
        }
        else
        {
            using var buffer = new MemoryStream();
            await bundle.CopyToAsync(buffer, ct);
            body = buffer.ToArray();
        }
        if (!ModelState.IsValid)
        {
            ShowFieldErrorsWithoutFile();
            return Page();
        }
        var result = await import.ImportAsync(Teams, new RecordImportRequest(Input.TeamId, Input.PersonAgreed, Input.NotADuplicate, Input.Source), body, ct);
        if (result.Imported)
        {
            return Redirect($"/organisation/imported/{result.PersonId}?imported=true");
        }
        Similar = result.Similar;
        foreach (var p in result.Problems)
        {
            var field = p.Expression switch
            {
                "team" => "Input.TeamId",
                "personAgreed" => "Input.PersonAgreed",
                "source" => "Input.Source",
                "notADuplicate" => "Input.NotADuplicate",
                _ => null,
            };
            if (field is not null)
            {
                ModelState.AddModelError(field, p.Message);
            }
        }
        BundleProblems = result.Problems.Where(p => p.Expression is not ("team" or "personAgreed" or "source" or "notADuplicate")).ToList();
        if (BundleProblems.Count > 0)
        {
            ModelState.AddModelError("bundle", "The file was not imported: it has the problems listed below");
        }
        return Page();
    }

    /// <summary>A missing or oversized file: still say what else is missing, as the import would.</summary>
    private void ShowFieldErrorsWithoutFile()
    {
        if (Teams.Count != 1 && Teams.All(t => t.Id != Input.TeamId))
        {
            ModelState.AddModelError("Input.TeamId", "Choose the team that will support them");
        }
        if (!Input.PersonAgreed)
        {
            ModelState.AddModelError("Input.PersonAgreed", "Confirm that the person agreed to their record being brought in");
        }
    }
}

public sealed class ImportRecordInput
{
    public Guid? TeamId { get; set; }

    public string? Source { get; set; }

    public bool PersonAgreed { get; set; }

    public bool NotADuplicate { get; set; }
}
