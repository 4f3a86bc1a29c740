using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources.Manage;

/// <summary>
/// An administrator approves a proposal (with any changes to its wording, and it is listed at once) or declines it
/// with a reason. A proposal is decided once: the status is the concurrency token, so a second decision saves nothing.
/// </summary>
public sealed class ReviewModel(LivingBetterDbContext db, ResourceRules rules, TimeProvider time, AuditLog audit) : PageModel, IResourceFormPage
{
    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    [BindProperty]
    public DeclineInput Decline { get; set; } = new();

    public List<SelectListItem> AreaItems { get; private set; } = [];
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string ProposedBy { get; private set; } = "";
    public DateTimeOffset ProposedAt { get; private set; }
    public ResourceProposalStatus Status { get; private set; }

    private List<ResourceForm.Area> _areas = [];

    private async Task<ResourceProposal?> LoadAsync(Guid id, CancellationToken ct)
    {
        var orgs = await rules.ManagedOrganisationsAsync(ct);
        if (orgs.Count == 0)
        {
            return null;
        }
        var proposal = await db.Set<ResourceProposal>().Include(p => p.ProposedBy)
            .FirstOrDefaultAsync(p => p.Id == id && orgs.Contains(p.OrganisationId), ct);
        if (proposal is null)
        {
            return null;
        }
        _areas = await ResourceForm.AreasAsync(db, [proposal.OrganisationId], ct);
        AreaItems = ResourceForm.AreaItems(_areas);
        Id = id;
        Name = proposal.Name;
        ProposedBy = proposal.ProposedBy?.DisplayName ?? "";
        ProposedAt = proposal.ProposedAt;
        Status = proposal.Status;
        return proposal;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var proposal = await LoadAsync(id, ct);
        if (proposal is null)
        {
            return NotFound();
        }
        Input = ResourceInput.From(proposal);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        ModelState.KeepOnly(nameof(Input));
        var proposal = await LoadAsync(id, ct);
        if (proposal is null)
        {
            return NotFound();
        }
        if (proposal.Status != ResourceProposalStatus.Pending)
        {
            return AlreadyDecided(proposal.Status);
        }
        var errors = new List<(string Field, string Message)>();
        var draft = ResourceForm.Validate(Input, _areas, proposal.OrganisationId, "Input.", errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }
        var now = time.GetUtcNow();
        var resource = new CommunityResource { Id = Guid.NewGuid(), OrganisationId = proposal.OrganisationId, CreatedAt = now };
        draft.ApplyTo(resource);
        db.Add(resource);
        // The proposal keeps the words as approved, so the proposer sees what was listed.
        draft.ApplyTo(proposal);
        proposal.Status = ResourceProposalStatus.Approved;
        proposal.DecidedAt = now;
        proposal.ResourceId = resource.Id;
        return await SaveAsync("community-resource-proposal-approved", "approved", ct);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct)
    {
        ModelState.KeepOnly(nameof(Decline));
        var proposal = await LoadAsync(id, ct);
        if (proposal is null)
        {
            return NotFound();
        }
        Input = ResourceInput.From(proposal);
        if (proposal.Status != ResourceProposalStatus.Pending)
        {
            return AlreadyDecided(proposal.Status);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        proposal.Status = ResourceProposalStatus.Declined;
        proposal.DeclineReason = Decline.Reason!.Trim();
        proposal.DecidedAt = time.GetUtcNow();
        return await SaveAsync("community-resource-proposal-declined", "declined", ct);
    }

    private async Task<IActionResult> SaveAsync(string action, string done, CancellationToken ct)
    {
        try
        {
            // One save: the new entry and the decision together, and only while the proposal is still pending.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var status = await db.Set<ResourceProposal>().Where(p => p.Id == Id).Select(p => p.Status).FirstAsync(ct);
            return AlreadyDecided(status);
        }
        await audit.RecordAsync(null, action, "Resources", ct: ct);
        return Redirect($"/resources/manage/suggestions?done={done}");
    }

    private PageResult AlreadyDecided(ResourceProposalStatus status)
    {
        Status = status;
        ModelState.AddModelError("", status == ResourceProposalStatus.Approved
            ? "This suggestion has already been approved, so nothing has changed."
            : "This suggestion has already been declined, so nothing has changed.");
        return Page();
    }
}

public sealed class DeclineInput
{
    [Required(ErrorMessage = "Enter why you are not listing it: the member of staff who suggested it will see this")]
    [StringLength(ResourceProposal.ReasonMaxLength, ErrorMessage = "Why you are not listing it must be 500 characters or fewer")]
    public string? Reason { get; set; }
}
