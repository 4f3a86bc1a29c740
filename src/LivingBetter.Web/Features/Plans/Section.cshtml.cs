using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

public sealed record SectionFieldsView(SectionDef Def, object? Content, IFormCollection? Posted, IReadOnlyList<string> Toolbox,
    IReadOnlyList<Goal> Goals, ModelStateDictionary Errors);

public sealed record NoteView(string Author, DateTimeOffset At, string Text);

/// <param name="WrittenTogether">A draft staff wrote with the person before they had an account, waiting for the person to confirm it.</param>
public sealed record SuggestionView(Guid Id, string From, DateTimeOffset At, string Note, IReadOnlyList<string> Changes, bool WrittenTogether = false)
{
    /// <summary>The heading the person sees over it.</summary>
    public string Heading => WrittenTogether ? $"Written together with {From}" : $"Suggestion from {From}";
}

public static class OwnerAccess
{
    /// <summary>The signed-in person's own record, with the access recorded; null means answer 404.</summary>
    public static async Task<Person?> OwnerAsync(this PersonAccess access, SharedPart part, string action, CancellationToken ct = default)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return null;
        }
        // The person is already loaded: decide and record on it rather than reading it a second time.
        var grant = await access.RequireAsync(me, part, AccessLevel.Owner, action, ct);
        return grant?.Person;
    }

    public static async Task<(IReadOnlyList<NoteView> Notes, IReadOnlyList<SuggestionView> Suggestions)> CollaborationAsync(
        LivingBetterDbContext db, PlanStore store, SectionSnapshot current, IReadOnlyList<Goal> goals, CancellationToken ct)
    {
        if (current.SectionId is not { } sectionId)
        {
            return ([], []);
        }
        var notes = await db.Set<ProfessionalNote>().AsNoTracking().Where(n => n.SectionId == sectionId).OrderByDescending(n => n.CreatedAt).ToListAsync(ct);
        var pending = await db.Set<SectionSuggestion>().AsNoTracking()
            .Where(s => s.SectionId == sectionId && s.Status == SuggestionStatus.Pending).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var names = await store.NamesAsync(notes.Select(n => n.AuthorUserId).Concat(pending.Select(p => p.SuggestedByUserId)), ct);
        return (
            notes.Select(n => new NoteView(names.GetValueOrDefault(n.AuthorUserId, "A member of staff"), n.CreatedAt, n.Text)).ToList(),
            pending.Select(p => new SuggestionView(p.Id, names.GetValueOrDefault(p.SuggestedByUserId, "A member of staff"), p.CreatedAt, p.Note,
                current.Def.Key == PlanStructure.Goals
                    ? GoalSuggestions.Changes(goals, GoalSuggestions.Proposed(p.Content))
                    : SectionContent.Compare(current.Def, current.Content, SectionContent.Parse(current.Def, p.Content), goals),
                p.WrittenTogether)).ToList());
    }
}

public sealed class SectionModel(PersonAccess access, PlanStore store, LivingBetterDbContext db, CurrentUser user, TimeProvider time,
    Sharing.SharingSummary sharing) : PageModel
{
    /// <summary>Community resources the person has linked from the directory, shown in their resources section.</summary>
    public IReadOnlyList<(Guid Id, string Name, string Note)> LinkedResources { get; private set; } = [];

    /// <summary>Who can read this section right now, told to the person at the moment of writing.</summary>
    public IReadOnlyList<string> Readers { get; private set; } = [];

    public SectionDef Def { get; private set; } = null!;
    public SectionSnapshot Current { get; private set; } = null!;
    public string PlanTitle { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public IReadOnlyList<string> Toolbox { get; private set; } = [];
    public IReadOnlyList<Goal> Goals { get; private set; } = [];
    public IReadOnlyList<NoteView> Notes { get; private set; } = [];
    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];
    public bool Conflict { get; private set; }
    public IReadOnlyList<(FieldText Theirs, FieldText Mine)> Differences { get; private set; } = [];
    public object? FormContent { get; private set; }
    public IFormCollection? Posted { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public int BaseVersion { get; set; }

    [BindProperty]
    public bool Done { get; set; }

    private async Task<Person?> ResolveAsync(string kind, string key, string action, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k || PlanStructure.Find(k, key) is not { } def || def.Key == PlanStructure.Goals)
        {
            return null;
        }
        Def = def;
        Slug = kind;
        var me = await access.OwnerAsync(def.Part, action, ct);
        if (me is null)
        {
            return null;
        }
        PlanTitle = await store.TitleAsync(me.Id, k, ct);
        Toolbox = await store.ToolboxAsync(me.Id, ct);
        Goals = await store.GoalsAsync(me.Id, ct);
        return me;
    }

    private async Task LoadAsync(Person me, CancellationToken ct)
    {
        Current = await store.LoadSectionAsync(me.Id, Def, ct);
        (Notes, Suggestions) = await OwnerAccess.CollaborationAsync(db, store, Current, Goals, ct);
        Readers = await sharing.ReadersAsync(me.Id, Def.Part, ct);
        if (Def.Kind == PlanKind.Wellbeing && Def.Key == "resources")
        {
            LinkedResources = (await db.Set<ResourceLink>().AsNoTracking()
                    .Where(l => l.PersonId == me.Id && l.Status == ResourceLinkStatus.Linked)
                    .OrderBy(l => l.Resource!.Name)
                    .Select(l => new { l.ResourceId, l.Resource!.Name, l.Note, Retired = l.Resource.RetiredAt != null })
                    .ToListAsync(ct))
                // A retired entry stays in the person's plan until they remove it, marked so they know.
                .Select(l => (l.ResourceId, l.Retired ? l.Name + " (no longer listed)" : l.Name, l.Note))
                .ToList();
        }
    }

    public async Task<IActionResult> OnGetAsync(string kind, string key, string? saved, CancellationToken ct)
    {
        if (await ResolveAsync(kind, key, "plans.section.read", ct) is not { } me)
        {
            return NotFound();
        }
        await LoadAsync(me, ct);
        FormContent = Current.Content;
        BaseVersion = Current.Version;
        Done = Current.State == SectionState.Done;
        Message = saved switch
        {
            "1" => "Saved. Every save is kept in your history.",
            "accepted" => "You accepted the suggestion. It is now part of your plan, in your history as your own version.",
            "declined" => "You declined the suggestion. Your words have not changed.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, string key, CancellationToken ct)
    {
        if (await ResolveAsync(kind, key, "plans.section.save", ct) is not { } me)
        {
            return NotFound();
        }
        await LoadAsync(me, ct);
        ModelState.Clear();
        var content = SectionContent.Read(Def, Request.Form, Current.Content, ModelState);
        Posted = Request.Form;
        FormContent = content;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var state = Done ? SectionState.Done : SectionContent.IsEmpty(Def, content) ? SectionState.NotStarted : SectionState.Started;
        var result = await store.SaveAsync(me.Id, Def, content, BaseVersion, state, user.RequiredId, null, "Saved", ct);
        if (!result.Saved)
        {
            ShowConflict(result.Current, content);
            return Page();
        }
        return Redirect($"/plans/{Slug}/{Def.Key}?saved=1");
    }

    private void ShowConflict(SectionSnapshot theirs, object mine)
    {
        Conflict = true;
        Current = theirs;
        BaseVersion = theirs.Version;
        var t = SectionContent.Describe(Def, theirs.Content, Goals);
        var m = SectionContent.Describe(Def, mine, Goals);
        Differences = t.Zip(m).Where(p => p.First.Text != p.Second.Text || !p.First.Items.SequenceEqual(p.Second.Items)).ToList();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string kind, string key, Guid suggestionId, CancellationToken ct) =>
        await DecideAsync(kind, key, suggestionId, accept: true, ct);

    public async Task<IActionResult> OnPostDeclineAsync(string kind, string key, Guid suggestionId, CancellationToken ct) =>
        await DecideAsync(kind, key, suggestionId, accept: false, ct);

    private async Task<IActionResult> DecideAsync(string kind, string key, Guid suggestionId, bool accept, CancellationToken ct)
    {
        if (await ResolveAsync(kind, key, accept ? "plans.suggestion.accept" : "plans.suggestion.decline", ct) is not { } me)
        {
            return NotFound();
        }
        await LoadAsync(me, ct);
        var suggestion = Current.SectionId is { } sid
            ? await db.Set<SectionSuggestion>().FirstOrDefaultAsync(s => s.Id == suggestionId && s.SectionId == sid && s.Status == SuggestionStatus.Pending, ct)
            : null;
        if (suggestion is null)
        {
            return NotFound();
        }
        suggestion.DecidedAt = time.GetUtcNow();
        if (!accept)
        {
            suggestion.Status = SuggestionStatus.Declined;
            await db.SaveChangesAsync(ct);
            return Redirect($"/plans/{Slug}/{Def.Key}?saved=declined");
        }
        suggestion.Status = SuggestionStatus.Accepted;
        var proposer = (await store.NamesAsync([suggestion.SuggestedByUserId], ct)).GetValueOrDefault(suggestion.SuggestedByUserId, "a member of staff");
        // The suggestion's status change rides in the same save as the new version, so both or neither happen.
        var result = await store.SaveAsync(me.Id, Def, SectionContent.Parse(Def, suggestion.Content), BaseVersion, null,
            user.RequiredId, suggestion.SuggestedByUserId, GoalSuggestions.AcceptReason(suggestion, proposer), ct);
        if (!result.Saved)
        {
            await LoadAsync(me, ct);
            FormContent = Current.Content;
            BaseVersion = Current.Version;
            Message = "Your plan changed in another tab or device while you were looking at this suggestion. Please look at it again.";
            return Page();
        }
        return Redirect($"/plans/{Slug}/{Def.Key}?saved=accepted");
    }
}
