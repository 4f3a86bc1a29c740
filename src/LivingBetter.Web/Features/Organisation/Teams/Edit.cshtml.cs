using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Teams;

public sealed class EditModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    [BindProperty]
    public TeamInput Input { get; set; } = new();

    public bool IsNew { get; private set; }
    public string CurrentName { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Divisions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Localities { get; private set; } = [];

    private Guid _organisationId;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var team = await LoadAsync(id, ct);
        if (team is null && id is not null)
        {
            return NotFound();
        }
        if (team is not null)
        {
            Input = new TeamInput { Name = team.Name, Description = team.Description, DivisionId = team.DivisionId, LocalityId = team.LocalityId };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        var team = await LoadAsync(id, ct);
        if (team is null && id is not null)
        {
            return NotFound();
        }
        var name = Tidy(Input.Name);
        if (ModelState.IsValid && name.Length == 0)
        {
            ModelState.AddModelError("Input.Name", "Enter the team's name");
        }
        // Ids come from the browser, so a division or locality of another organisation is treated as
        // not chosen at all rather than trusted.
        if (ModelState["Input.DivisionId"]?.Errors.Count > 0 || (Input.DivisionId is { } d && !Offers(Divisions, d)))
        {
            ModelState.Remove("Input.DivisionId");
            ModelState.AddModelError("Input.DivisionId", "Choose a division from the list");
        }
        if (ModelState["Input.LocalityId"]?.Errors.Count > 0 || (Input.LocalityId is { } l && !Offers(Localities, l)))
        {
            ModelState.Remove("Input.LocalityId");
            ModelState.AddModelError("Input.LocalityId", "Choose a locality from the list");
        }
        var lowered = name.ToLower();
        if (ModelState.IsValid && await db.Teams.AnyAsync(t => t.OrganisationId == _organisationId && t.Id != id && t.Name.ToLower() == lowered, ct))
        {
            ModelState.AddModelError("Input.Name", $"There is already a team called {name}. Enter a different team name");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        team ??= db.Teams.Add(new Team { Id = Guid.NewGuid(), OrganisationId = _organisationId }).Entity;
        team.Name = name;
        team.Description = Tidy(Input.Description);
        team.DivisionId = Input.DivisionId;
        team.LocalityId = Input.LocalityId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", $"There is already a team called {name}. Enter a different team name");
            return Page();
        }
        TempData["Success"] = IsNew ? $"Added {name}." : $"Saved {name}.";
        return Redirect("/organisation/teams");
    }

    private async Task<Team?> LoadAsync(Guid? id, CancellationToken ct)
    {
        IsNew = id is null;
        Team? team = null;
        _organisationId = Scope.OrganisationId;
        if (id is not null)
        {
            team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (team is null || !Scope.Administers(team.OrganisationId))
            {
                return null;
            }
            _organisationId = team.OrganisationId;
            CurrentName = team.Name;
        }
        var org = _organisationId;
        Divisions = WithNone(await db.Divisions.Where(x => x.OrganisationId == org).OrderBy(x => x.Name)
            .Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToListAsync(ct));
        Localities = WithNone(await db.Localities.Where(x => x.OrganisationId == org).OrderBy(x => x.Name)
            .Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToListAsync(ct));
        return team;
    }

    // Guids written by the database may differ in case from Guid.ToString(), so compare values, not text.
    internal static bool Offers(IEnumerable<SelectListItem> items, Guid id) => items.Any(i => Guid.TryParse(i.Value, out var v) && v == id);

    private static List<SelectListItem> WithNone(List<SelectListItem> items) => [new SelectListItem("None", ""), .. items];
}

public sealed class TeamInput
{
    [Required(ErrorMessage = "Enter the team's name")]
    [StringLength(Team.NameMaxLength, ErrorMessage = "Team name must be 120 characters or fewer")]
    public string Name { get; set; } = "";

    [StringLength(Team.DescriptionMaxLength, ErrorMessage = "Description must be 1000 characters or fewer")]
    public string? Description { get; set; }

    public Guid? DivisionId { get; set; }

    public Guid? LocalityId { get; set; }
}
