using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.Records;

/// <summary>
/// Staff start a record with someone who has no account, with their agreement. Only staff working in a
/// team see this page; the duplicate check looks only at the chosen team's own people.
/// </summary>
public sealed class StartModel(StartedRecordsService records, TimeProvider time) : PageModel
{
    [BindProperty]
    public StartInput Input { get; set; } = new();

    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];
    public IReadOnlyList<string> Similar { get; private set; } = [];

    public IEnumerable<SelectListItem> TeamItems =>
        (Teams.Count == 1 ? [] : new[] { new SelectListItem("Choose a team", "") })
            .Concat(Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Teams = await records.MyTeamsAsync(ct);
        return Teams.Count == 0 ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Teams = await records.MyTeamsAsync(ct);
        if (Teams.Count == 0)
        {
            return NotFound();
        }
        // A post with none of the fields binds nothing, and an unbound model is not validated: validate it anyway.
        ModelState.ClearValidationState(nameof(Input));
        TryValidateModel(Input, nameof(Input));
        var team = Teams.Count == 1 && Input.TeamId is null ? Teams[0] : Teams.FirstOrDefault(t => t.Id == Input.TeamId);
        if (team is null)
        {
            ModelState.AddModelError("Input.TeamId", "Choose the team that will support them");
        }
        DateOnly? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(Input.DateOfBirth))
        {
            if (DateOnly.TryParseExact(Input.DateOfBirth.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d M yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                if (dob > today)
                {
                    ModelState.AddModelError("Input.DateOfBirth", "Date of birth must be in the past");
                }
                else if (dob.Year < 1900)
                {
                    ModelState.AddModelError("Input.DateOfBirth", "Date of birth must be after 1900");
                }
                else
                {
                    dateOfBirth = dob;
                }
            }
            else
            {
                ModelState.AddModelError("Input.DateOfBirth", "Enter date of birth as day/month/year, like 27/3/1990");
            }
        }
        if (!Input.PersonAgreed)
        {
            ModelState.AddModelError("Input.PersonAgreed", "Confirm that the person agreed to you starting a record with them");
        }
        if (!ModelState.IsValid || team is null)
        {
            return Page();
        }
        Similar = await records.SimilarInTeamAsync(team.Id, Input.FullName, Input.PreferredName, dateOfBirth, ct);
        if (Similar.Count > 0 && !Input.NotADuplicate)
        {
            ModelState.AddModelError("Input.NotADuplicate",
                $"{team.Name} already supports someone with a similar name. Check the list below, then confirm this is a different person");
            return Page();
        }
        var person = await records.StartAsync(team.Id, Input.FullName, Input.PreferredName, dateOfBirth, ct);
        return Redirect($"/people/{person.Id}/record?started=true");
    }
}

public sealed class StartInput
{
    [Required(ErrorMessage = "Enter their name")]
    [StringLength(StartedRecord.FullNameMaxLength, ErrorMessage = "Name must be 150 characters or fewer")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter how they would like to be addressed")]
    [StringLength(Person.NameMaxLength, ErrorMessage = "How they would like to be addressed must be 100 characters or fewer")]
    public string PreferredName { get; set; } = "";

    [StringLength(20, ErrorMessage = "Enter date of birth as day/month/year, like 27/3/1990")]
    public string? DateOfBirth { get; set; }

    public Guid? TeamId { get; set; }

    public bool PersonAgreed { get; set; }

    public bool NotADuplicate { get; set; }
}
