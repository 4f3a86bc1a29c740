using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

/// <summary>The person's own links. Only the owner reaches this page's data: everything is keyed by their own record.</summary>
public sealed class MineModel(LivingBetterDbContext db, PersonAccess access, TimeProvider time, AuditLog audit) : PageModel
{
    public sealed record LinkRow(Guid Id, Guid ResourceId, string Name, ResourceCategory Category, string? Locality, string Note, bool Retired);
    public sealed record SuggestionRow(Guid Id, Guid ResourceId, string Name, string SuggestedBy, DateTimeOffset At, string Note);

    public bool HasRecord { get; private set; }
    public List<LinkRow> Linked { get; private set; } = [];
    public List<SuggestionRow> Suggestions { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done switch
        {
            "accepted" => "Added to your wellbeing plan.",
            "declined" => "That's fine. The suggestion has gone.",
            "removed" => "Removed from your wellbeing plan.",
            _ => null,
        };
        if (await access.MyPersonAsync(ct) is not { } me)
        {
            return;
        }
        HasRecord = true;
        var rows = await db.Set<ResourceLink>().AsNoTracking()
            .Where(l => l.PersonId == me.Id && l.Status != ResourceLinkStatus.Declined)
            .Select(l => new
            {
                l.Id,
                l.ResourceId,
                l.Resource!.Name,
                l.Resource.Category,
                Retired = l.Resource.RetiredAt != null,
                Locality = l.Resource.Locality != null ? l.Resource.Locality.Name : null,
                l.Note,
                l.Status,
                SuggestedBy = l.SuggestedBy != null ? l.SuggestedBy.DisplayName : "",
                l.CreatedAt,
            })
            .ToListAsync(ct);
        Linked = rows.Where(r => r.Status == ResourceLinkStatus.Linked).OrderBy(r => r.Name)
            .Select(r => new LinkRow(r.Id, r.ResourceId, r.Name, r.Category, r.Locality, r.Note, r.Retired)).ToList();
        Suggestions = rows.Where(r => r.Status == ResourceLinkStatus.Suggested && !r.Retired).OrderByDescending(r => r.CreatedAt)
            .Select(r => new SuggestionRow(r.Id, r.ResourceId, r.Name, r.SuggestedBy, r.CreatedAt, r.Note)).ToList();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid linkId, CancellationToken ct) => RespondAsync(linkId, ResourceLinkStatus.Linked, "accepted", ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid linkId, CancellationToken ct) => RespondAsync(linkId, ResourceLinkStatus.Declined, "declined", ct);

    private async Task<IActionResult> RespondAsync(Guid linkId, ResourceLinkStatus status, string done, CancellationToken ct)
    {
        if (await access.MyPersonAsync(ct) is not { } me)
        {
            return NotFound();
        }
        var link = await db.Set<ResourceLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.PersonId == me.Id && l.Status == ResourceLinkStatus.Suggested
            && (status == ResourceLinkStatus.Declined || l.Resource!.RetiredAt == null), ct);
        if (link is null)
        {
            return NotFound();
        }
        link.Status = status;
        link.RespondedAt = time.GetUtcNow();
        // The suggester's words were for the person to read; the plan keeps the person's own.
        if (status == ResourceLinkStatus.Linked)
        {
            link.Note = "";
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(me.Id, status == ResourceLinkStatus.Linked ? "community-resource-suggestion-accepted" : "community-resource-suggestion-declined",
            SharedPart.WellbeingPlan.ToString(), ct: ct);
        return Redirect($"/resources/mine?done={done}");
    }
}
