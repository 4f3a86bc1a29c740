using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>What one person shares with me, as links to each part; 404 when they share nothing with me.</summary>
public sealed class PersonModel(PersonAccess access) : PageModel
{
    public string Name { get; private set; } = "";
    public Guid PersonId { get; private set; }

    /// <summary>Started by staff and not claimed yet: staff can write with them and give them a claim code.</summary>
    public bool Unclaimed { get; private set; }
    public IReadOnlyDictionary<SharedPart, AccessLevel> Parts { get; private set; } = new Dictionary<SharedPart, AccessLevel>();

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var summary = await access.RequireAnyAsync(personId, "people.shared", ct);
        if (summary is null)
        {
            return NotFound();
        }
        (Name, PersonId, Parts) = (summary.Person.PreferredName, summary.Person.Id, summary.Parts);
        Unclaimed = summary.Person.UserId is null && summary.Parts.Values.Any(l => l >= AccessLevel.Suggest);
        return Page();
    }
}
