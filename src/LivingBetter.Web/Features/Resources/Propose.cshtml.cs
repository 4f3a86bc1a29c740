using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

/// <summary>
/// A member of staff proposes a group they know about for the directory. It goes into their organisation's queue;
/// an administrator approves or declines it, and the proposer sees the outcome and any reason here.
/// </summary>
public sealed class ProposeModel(LivingBetterDbContext db, CurrentUser user, ResourceRules rules, TimeProvider time, AuditLog audit) : PageModel, IResourceFormPage
{
    public sealed record Mine(string Name, DateTimeOffset At, ResourceProposalStatus Status, string Reason, Guid? ResourceId);

    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public List<SelectListItem> AreaItems { get; private set; } = [];
    public List<Mine> MyProposals { get; private set; } = [];
    public bool Sent { get; private set; }

    private List<Guid> _orgs = [];
    private List<ResourceForm.Area> _areas = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        _orgs = await rules.MyStaffOrganisationsAsync(ct);
        if (_orgs.Count == 0)
        {
            return false;
        }
        _areas = await ResourceForm.AreasAsync(db, _orgs, ct);
        AreaItems = ResourceForm.AreaItems(_areas);
        var me = user.RequiredId;
        MyProposals = (await db.Set<ResourceProposal>().AsNoTracking().Where(p => p.ProposedByUserId == me)
                .Select(p => new Mine(p.Name, p.ProposedAt, p.Status, p.DeclineReason, p.ResourceId)).ToListAsync(ct))
            .OrderByDescending(p => p.At).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(bool sent, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Sent = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var errors = new List<(string Field, string Message)>();
        var draft = ResourceForm.Validate(Input, _areas, _orgs[0], "Input.", errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }
        var proposal = new ResourceProposal
        {
            Id = Guid.NewGuid(),
            OrganisationId = draft.OrganisationId,
            ProposedByUserId = user.RequiredId,
            ProposedAt = time.GetUtcNow(),
            Status = ResourceProposalStatus.Pending,
        };
        draft.ApplyTo(proposal);
        db.Add(proposal);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "community-resource-proposed", "Resources", ct: ct);
        return Redirect("/resources/suggest-new?sent=true");
    }
}
