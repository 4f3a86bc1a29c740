using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>The queue of new entries staff have proposed, oldest first, and the last ones decided.</summary>
public sealed class SuggestionsModel(LivingBetterDbContext db, ResourceRules rules) : PageModel
{
    public sealed record Row(Guid Id, string Name, ResourceCategory Category, string? Locality, string ProposedBy, DateTimeOffset At,
        ResourceProposalStatus Status, DateTimeOffset? DecidedAt);

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Decided { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        var orgs = await rules.ManagedOrganisationsAsync(ct);
        if (orgs.Count == 0)
        {
            return NotFound();
        }
        Message = done switch
        {
            "approved" => "The suggestion is approved and the resource is now listed in the directory.",
            "declined" => "The suggestion is declined. The member of staff who suggested it can see your reason.",
            _ => null,
        };
        var rows = await db.Set<ResourceProposal>().AsNoTracking().Where(p => orgs.Contains(p.OrganisationId))
            .Select(p => new Row(p.Id, p.Name, p.Category, p.Locality != null ? p.Locality.Name : null, p.ProposedBy!.DisplayName, p.ProposedAt, p.Status, p.DecidedAt))
            .ToListAsync(ct);
        Pending = rows.Where(r => r.Status == ResourceProposalStatus.Pending).OrderBy(r => r.At).ToList();
        Decided = rows.Where(r => r.Status != ResourceProposalStatus.Pending).OrderByDescending(r => r.DecidedAt).Take(20).ToList();
        return Page();
    }
}
