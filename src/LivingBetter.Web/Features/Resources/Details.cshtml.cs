using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

public sealed class DetailsModel(LivingBetterDbContext db, CurrentUser user, PersonAccess access, ResourceRules rules, TimeProvider time, AuditLog audit) : PageModel
{
    public sealed record NoteRow(Guid Id, string Text, DateTimeOffset At, bool Mine, bool Hidden);
    public sealed record PersonOption(Guid Id, string Name);

    public CommunityResource Resource { get; private set; } = null!;
    public string? LocalityName { get; private set; }
    public string? SafeWebsite { get; private set; }
    public List<NoteRow> Notes { get; private set; } = [];
    public bool MayModerate { get; private set; }
    public Guid? MyPersonId { get; private set; }
    public ResourceLinkStatus? MyLink { get; private set; }
    public List<PersonOption> People { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Retired { get; private set; }
    public bool MayManage { get; private set; }

    [BindProperty]
    public LinkInput Link { get; set; } = new();

    [BindProperty]
    public NoteInput NewNote { get; set; } = new();

    [BindProperty]
    public SuggestInput Suggest { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "linked" => "Added to the community resources in your wellbeing plan.",
            "note" => "Thank you. Your note is now on this page.",
            "suggested" => "Your suggestion has been sent. The person will decide whether to add it.",
            "already" => "This is already in their plan, or they have said no to it before.",
            "hidden" => "The note is hidden.",
            "shown" => "The note is shown again.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct)
    {
        ModelState.KeepOnly(nameof(Link));
        if (!await LoadAsync(id, ct) || MyPersonId is not { } personId || Retired)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var link = await db.Set<ResourceLink>().FirstOrDefaultAsync(l => l.PersonId == personId && l.ResourceId == id, ct);
        if (link is null)
        {
            link = new ResourceLink { Id = Guid.NewGuid(), PersonId = personId, ResourceId = id, CreatedAt = time.GetUtcNow() };
            db.Add(link);
        }
        link.Status = ResourceLinkStatus.Linked;
        link.Note = Link.Note?.Trim() ?? "";
        link.RespondedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "community-resource-linked", SharedPart.WellbeingPlan.ToString(), ct: ct);
        return Redirect($"/resources/{id}?done=linked");
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct)
    {
        ModelState.KeepOnly(nameof(NewNote));
        if (!await LoadAsync(id, ct) || Retired)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Add(new ResourceNote { Id = Guid.NewGuid(), ResourceId = id, AuthorUserId = user.RequiredId, Text = NewNote.Text.Trim(), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Redirect($"/resources/{id}?done=note");
    }

    public Task<IActionResult> OnPostHideAsync(Guid id, Guid noteId, CancellationToken ct) => ModerateAsync(id, noteId, hide: true, ct);

    /// <summary>Undoes a hide: whoever may hide a note may show it again, and it is logged the same way.</summary>
    public Task<IActionResult> OnPostShowAsync(Guid id, Guid noteId, CancellationToken ct) => ModerateAsync(id, noteId, hide: false, ct);

    private async Task<IActionResult> ModerateAsync(Guid id, Guid noteId, bool hide, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !MayModerate)
        {
            return NotFound();
        }
        var note = await db.Set<ResourceNote>().FirstOrDefaultAsync(n => n.Id == noteId && n.ResourceId == id, ct);
        if (note is null)
        {
            return NotFound();
        }
        note.Hidden = hide;
        // Who hid it last is only on the note while it is hidden; the access log keeps every hide and show.
        note.HiddenByUserId = hide ? user.RequiredId : null;
        note.HiddenAt = hide ? time.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, hide ? "community-resource-note-hidden" : "community-resource-note-shown", "Resources", ct: ct);
        return Redirect($"/resources/{id}?done={(hide ? "hidden" : "shown")}");
    }

    public async Task<IActionResult> OnPostSuggestAsync(Guid id, CancellationToken ct)
    {
        ModelState.KeepOnly(nameof(Suggest));
        if (!await LoadAsync(id, ct) || Retired)
        {
            return NotFound();
        }
        if (!Guid.TryParse(Suggest.PersonId, out var personId))
        {
            ModelState.AddModelError("Suggest.PersonId", "Choose the person you are suggesting this to");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The list on the page is only a convenience: the access check decides.
        var grant = await access.RequireAsync(personId, SharedPart.WellbeingPlan, AccessLevel.Suggest, "suggest-community-resource", ct);
        if (grant is null || grant.IsOwner)
        {
            return NotFound();
        }
        var existing = await db.Set<ResourceLink>().FirstOrDefaultAsync(l => l.PersonId == personId && l.ResourceId == id, ct);
        if (existing is not null && existing.Status != ResourceLinkStatus.Suggested)
        {
            return Redirect($"/resources/{id}?done=already");
        }
        if (existing is null)
        {
            existing = new ResourceLink { Id = Guid.NewGuid(), PersonId = personId, ResourceId = id, Status = ResourceLinkStatus.Suggested };
            db.Add(existing);
        }
        existing.Note = Suggest.Note?.Trim() ?? "";
        existing.SuggestedByUserId = user.RequiredId;
        existing.CreatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Redirect($"/resources/{id}?done=suggested");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var resource = await db.Set<CommunityResource>().AsNoTracking().Include(r => r.Locality).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return false;
        }
        MayManage = resource.OrganisationId is { } org && (await rules.ManagedOrganisationsAsync(ct)).Contains(org);
        Retired = resource.RetiredAt is not null;
        Resource = resource;
        LocalityName = resource.Locality?.Name;
        // Only web links are shown as links, so a stored "javascript:" address can never run.
        SafeWebsite = Uri.TryCreate(resource.Website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.ToString() : null;
        MayModerate = await rules.MayModerateAsync(resource, ct);
        var me = user.RequiredId;
        var moderate = MayModerate;
        Notes = (await db.Set<ResourceNote>().AsNoTracking()
                .Where(n => n.ResourceId == id && (!n.Hidden || n.AuthorUserId == me || moderate))
                .Select(n => new { n.Id, n.Text, n.CreatedAt, n.AuthorUserId, n.Hidden })
                .ToListAsync(ct))
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => new NoteRow(n.Id, n.Text, n.CreatedAt, n.AuthorUserId == me, n.Hidden))
            .ToList();
        if (await access.MyPersonAsync(ct) is { } person)
        {
            MyPersonId = person.Id;
            MyLink = await db.Set<ResourceLink>().Where(l => l.PersonId == person.Id && l.ResourceId == id)
                .Select(l => (ResourceLinkStatus?)l.Status).FirstOrDefaultAsync(ct);
        }
        // A retired entry is out of the directory: only people who still have it in their plan, and its administrators, open it.
        if (Retired && MyLink != ResourceLinkStatus.Linked && !MayManage)
        {
            return false;
        }
        People = Retired ? [] : (await rules.PeopleICanSuggestToAsync(ct)).Select(p => new PersonOption(p.Id, p.Name)).ToList();
        return true;
    }
}

public sealed class LinkInput
{
    [StringLength(ResourceLink.NoteMaxLength, ErrorMessage = "Your note must be 500 characters or fewer")]
    public string? Note { get; set; }
}

public sealed class NoteInput
{
    [Required(ErrorMessage = "Enter your note about what it's really like")]
    [StringLength(ResourceNote.TextMaxLength, ErrorMessage = "Your note must be 1000 characters or fewer")]
    public string Text { get; set; } = "";
}

public sealed class SuggestInput
{
    [StringLength(40, ErrorMessage = "Choose the person you are suggesting this to")]
    public string? PersonId { get; set; }

    [StringLength(ResourceLink.NoteMaxLength, ErrorMessage = "Why you think it might help must be 500 characters or fewer")]
    public string? Note { get; set; }
}
