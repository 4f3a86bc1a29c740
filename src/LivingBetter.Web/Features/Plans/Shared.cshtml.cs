using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

/// <summary>
/// A person's plans as seen by someone they share them with. Read-only for everyone; those with
/// Suggest access may add a professional view or propose a change, never edit the person's words.
/// </summary>
public sealed class SharedPlansModel(PersonAccess access, PlanStore store) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<PlanOverview> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var list = new List<PlanOverview>();
        Person? person = null;
        foreach (var kind in new[] { PlanKind.StayingWell, PlanKind.Wellbeing })
        {
            var sections = new List<SectionSnapshot>();
            var all = await store.LoadAsync(personId, kind, ct);
            foreach (var part in all.Select(s => s.Def.Part).Distinct())
            {
                var grant = await access.RequireAsync(personId, part, AccessLevel.View, "plans.shared.overview", ct);
                if (grant is not null)
                {
                    person = grant.Person;
                    sections.AddRange(all.Where(s => s.Def.Part == part));
                }
            }
            if (sections.Count > 0)
            {
                list.Add(new PlanOverview(kind, PlanStructure.Slug(kind), await store.TitleAsync(personId, kind, ct),
                    all.Where(sections.Contains).ToList()));
            }
        }
        if (person is null)
        {
            return NotFound();
        }
        (PersonId, PersonName, Plans) = (personId, person.PreferredName, list);
        return Page();
    }
}

public sealed class SharedSectionModel(PersonAccess access, PlanStore store, LivingBetterDbContext db, CurrentUser user, TimeProvider time) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public SectionDef Def { get; private set; } = null!;
    public SectionSnapshot Current { get; private set; } = null!;
    public IReadOnlyList<FieldText> Text { get; private set; } = [];
    public IReadOnlyList<NoteView> Notes { get; private set; } = [];
    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];
    public IReadOnlyList<string> Toolbox { get; private set; } = [];
    public IReadOnlyList<Goal> Goals { get; private set; } = [];
    public bool CanSuggest { get; private set; }

    /// <summary>The person has no account yet: staff write their wellbeing plan with them as drafts they confirm later.</summary>
    public bool Unclaimed { get; private set; }

    /// <summary>What staff write here is a draft "written together with" them, not a suggestion.</summary>
    public bool WritingTogether => Unclaimed && Def.Kind == PlanKind.Wellbeing;
    public IFormCollection? Posted { get; private set; }
    public object? FormContent { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public string? NoteText { get; set; }

    [BindProperty]
    public string? SuggestionNote { get; set; }

    [BindProperty]
    public GoalSuggestionInput GoalInput { get; set; } = new();

    private async Task<bool> LoadAsync(Guid personId, string kind, string key, AccessLevel minimum, string action, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k || PlanStructure.Find(k, key) is not { } def)
        {
            return false;
        }
        var grant = await access.RequireAsync(personId, def.Part, minimum, action, ct);
        if (grant is null)
        {
            return false;
        }
        (PersonId, PersonName, Slug, Def, CanSuggest) = (personId, grant.Person.PreferredName, kind, def, grant.CanSuggest);
        Unclaimed = grant.Person.UserId is null;
        Current = await store.LoadSectionAsync(personId, def, ct);
        Goals = await store.GoalsAsync(personId, ct);
        Toolbox = await store.ToolboxAsync(personId, ct);
        Text = SectionContent.Describe(def, Current.Content, Goals);
        (Notes, Suggestions) = await OwnerAccess.CollaborationAsync(db, store, Current, Goals, ct);
        FormContent = Current.Content;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid personId, string kind, string key, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(personId, kind, key, AccessLevel.View, "plans.shared.section.read", ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "note" => "Your professional view is saved beside this section.",
            "suggestion" => $"Your suggestion has been sent. It only becomes part of the plan if {PersonName} accepts it.",
            "together" => $"Saved as a draft written together with you. It becomes part of {PersonName}'s plan only when {PersonName} confirms it, after claiming their account.",
            _ => null,
        };
        return Page();
    }

    /// <summary>Makes sure the section has a row to hang notes and suggestions on, without writing any of the person's words.</summary>
    private async Task<Guid> EnsureSectionAsync(CancellationToken ct)
    {
        if (Current.SectionId is { } id)
        {
            return id;
        }
        var now = time.GetUtcNow();
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.PersonId == PersonId && p.Kind == Def.Kind, ct);
        if (plan is null)
        {
            plan = new Plan { Id = Guid.NewGuid(), PersonId = PersonId, Kind = Def.Kind, CreatedAt = now, UpdatedAt = now };
            db.Plans.Add(plan);
        }
        var section = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = Def.Key, Version = 0, State = SectionState.NotStarted, UpdatedAt = now };
        db.PlanSections.Add(section);
        return section.Id;
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid personId, string kind, string key, CancellationToken ct)
    {
        if (!await LoadAsync(personId, kind, key, AccessLevel.Suggest, "plans.note.add", ct))
        {
            return NotFound();
        }
        var text = SectionContent.Clean(NoteText);
        if (text.Length == 0)
        {
            ModelState.AddModelError(nameof(NoteText), "Enter your professional view");
        }
        else if (text.Length > ProfessionalNote.TextMaxLength)
        {
            ModelState.AddModelError(nameof(NoteText), $"Professional view must be 2,000 characters or fewer (you have {text.Length:N0})");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var sectionId = await EnsureSectionAsync(ct);
        db.Add(new ProfessionalNote { Id = Guid.NewGuid(), SectionId = sectionId, AuthorUserId = user.RequiredId, Text = text, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Redirect($"/people/{personId}/plans/{kind}/{key}?done=note");
    }

    public async Task<IActionResult> OnPostSuggestAsync(Guid personId, string kind, string key, CancellationToken ct)
    {
        if (!await LoadAsync(personId, kind, key, AccessLevel.Suggest, "plans.suggestion.add", ct) || !Def.EditableFields.Any())
        {
            return NotFound();
        }
        ModelState.Clear();
        var content = SectionContent.Read(Def, Request.Form, Current.Content, ModelState);
        var note = SectionContent.Clean(SuggestionNote);
        CheckSuggestionNote(note);
        if (ModelState.IsValid && SectionContent.Compare(Def, Current.Content, content, Goals).Count == 0)
        {
            ModelState.AddModelError("", "Your suggestion is the same as what the plan already says. Change something before sending it.");
        }
        if (!ModelState.IsValid)
        {
            Posted = Request.Form;
            FormContent = content;
            return Page();
        }
        return await SendSuggestionAsync(personId, kind, key, SectionContent.Serialize(Def, content), note, ct);
    }

    /// <summary>Proposes one goal (new, or a change to one of the person's goals); it only becomes theirs if they accept it.</summary>
    public async Task<IActionResult> OnPostGoalAsync(Guid personId, string kind, string key, CancellationToken ct)
    {
        if (!await LoadAsync(personId, kind, key, AccessLevel.Suggest, "plans.goal.suggest", ct) || Def.Key != PlanStructure.Goals)
        {
            return NotFound();
        }
        var existing = GoalInput.GoalId is { } target ? Goals.FirstOrDefault(g => g.Id == target) : null;
        if (GoalInput.GoalId is not null && existing is null)
        {
            ModelState.AddModelError("GoalInput.GoalId", "Select one of the goals in the list, or a new goal");
        }
        var words = SectionContent.Clean(GoalInput.Words);
        var why = SectionContent.Clean(GoalInput.WhyItMatters);
        var note = SectionContent.Clean(SuggestionNote);
        if (words.Length == 0)
        {
            ModelState.AddModelError("GoalInput.Words", "Enter the goal, in the person's own words");
        }
        CheckSuggestionNote(note);
        var steps = new List<GoalStep>();
        for (var i = 0; i < GoalInput.Steps.Count && i < GoalSuggestionInput.MaxSteps; i++)
        {
            var text = SectionContent.Clean(GoalInput.Steps[i]);
            if (text.Length > Goal.StepMaxLength)
            {
                ModelState.AddModelError($"GoalInput.Steps[{i}]", $"Step {i + 1} must be 300 characters or fewer (you have {text.Length:N0})");
            }
            else if (text.Length > 0)
            {
                steps.Add(existing?.Steps.FirstOrDefault(s => s.Text == text) ?? new GoalStep { Id = Guid.NewGuid(), Text = text });
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var goal = existing is null
            ? new Goal { Id = Guid.NewGuid(), Words = words, WhyItMatters = why, Steps = steps }
            : existing with { Words = words, WhyItMatters = why, Steps = steps };
        if (existing is not null && GoalSuggestions.Changes(Goals, goal).Count == 0)
        {
            ModelState.AddModelError("GoalInput.Words", "Your suggestion is the same as the goal already says. Change something before sending it.");
            return Page();
        }
        return await SendSuggestionAsync(personId, kind, key, GoalSuggestions.Serialize(goal), note, ct);
    }

    private void CheckSuggestionNote(string note)
    {
        if (note.Length > SectionSuggestion.NoteMaxLength)
        {
            ModelState.AddModelError(nameof(SuggestionNote), $"Why you suggest this must be 1,000 characters or fewer (you have {note.Length:N0})");
        }
    }

    /// <summary>
    /// Saves a suggestion (a whole section's content, or one goal) for the person to accept or decline, marked as
    /// written together when it was, and goes back to the section.
    /// </summary>
    private async Task<IActionResult> SendSuggestionAsync(Guid personId, string kind, string key, string content, string note, CancellationToken ct)
    {
        var sectionId = await EnsureSectionAsync(ct);
        db.Add(new SectionSuggestion
        {
            Id = Guid.NewGuid(),
            SectionId = sectionId,
            SuggestedByUserId = user.RequiredId,
            BaseVersion = Current.Version,
            Content = content,
            Note = note,
            WrittenTogether = WritingTogether,
            Status = SuggestionStatus.Pending,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Redirect($"/people/{personId}/plans/{kind}/{key}?done={(WritingTogether ? "together" : "suggestion")}");
    }
}

public sealed class GoalSuggestionInput
{
    public const int MaxSteps = 5;

    /// <summary>Empty for a new goal; otherwise the person's goal this would change.</summary>
    public Guid? GoalId { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(Goal.WordsMaxLength, ErrorMessage = "The goal must be 500 characters or fewer")]
    public string? Words { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(Goal.TextMaxLength, ErrorMessage = "Why it matters must be 2,000 characters or fewer")]
    public string? WhyItMatters { get; set; }

    public List<string?> Steps { get; set; } = [];
}
