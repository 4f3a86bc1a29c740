using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

public sealed record DomainTrend(string DomainName, IReadOnlyList<int> Ratings, DateTimeOffset LatestAt);

public sealed class GoalsModel(PersonAccess access, PlanStore store, LivingBetterDbContext db, CurrentUser user, TimeProvider time) : PageModel
{
    private static readonly SectionDef Def = PlanStructure.Find(PlanKind.Wellbeing, PlanStructure.Goals)!;

    public IReadOnlyList<Goal> Goals { get; private set; } = [];
    public Dictionary<string, string> DomainNames { get; private set; } = [];
    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];
    public IReadOnlyList<NoteView> Notes { get; private set; } = [];
    public int Version { get; private set; }
    public string? Message { get; private set; }

    private async Task LoadAsync(Person me, CancellationToken ct)
    {
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        Goals = ((GoalsContent)section.Content).Items;
        Version = section.Version;
        DomainNames = await GoalModel.DomainsAsync(db, ct);
        (Notes, Suggestions) = await OwnerAccess.CollaborationAsync(db, store, section, Goals, ct);
    }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        var me = await access.OwnerAsync(SharedPart.WellbeingPlan, "plans.goals.read", ct);
        if (me is null)
        {
            return NotFound();
        }
        await LoadAsync(me, ct);
        Message = saved switch
        {
            "1" => "Saved. Every save is kept in your history.",
            "deleted" => "The goal is deleted. It is still in your history, where you can restore it.",
            "accepted" => "It is now part of your goals, in your history as your own version.",
            "declined" => "You declined it. Your goals have not changed.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid suggestionId, CancellationToken ct) => DecideAsync(suggestionId, accept: true, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid suggestionId, CancellationToken ct) => DecideAsync(suggestionId, accept: false, ct);

    private async Task<IActionResult> DecideAsync(Guid suggestionId, bool accept, CancellationToken ct)
    {
        var me = await access.OwnerAsync(SharedPart.WellbeingPlan, accept ? "plans.goal-suggestion.accept" : "plans.goal-suggestion.decline", ct);
        if (me is null)
        {
            return NotFound();
        }
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        var suggestion = section.SectionId is { } sid
            ? await db.Set<SectionSuggestion>().FirstOrDefaultAsync(s => s.Id == suggestionId && s.SectionId == sid && s.Status == SuggestionStatus.Pending, ct)
            : null;
        if (suggestion is null || GoalSuggestions.Proposed(suggestion.Content) is not { } proposed)
        {
            return NotFound();
        }
        suggestion.DecidedAt = time.GetUtcNow();
        if (!accept)
        {
            suggestion.Status = SuggestionStatus.Declined;
            await db.SaveChangesAsync(ct);
            return Redirect("/plans/wellbeing/goals?saved=declined");
        }
        suggestion.Status = SuggestionStatus.Accepted;
        var proposer = (await store.NamesAsync([suggestion.SuggestedByUserId], ct)).GetValueOrDefault(suggestion.SuggestedByUserId, "a member of staff");
        var goals = GoalSuggestions.Merge(((GoalsContent)section.Content).Items, proposed);
        // Merged into the goals as they are now, so nothing the person wrote since the suggestion is lost;
        // the suggestion's status rides in the same save as the new version.
        var result = await store.SaveAsync(me.Id, Def, new GoalsContent { Items = goals }, section.Version, null,
            user.RequiredId, suggestion.SuggestedByUserId, GoalSuggestions.AcceptReason(suggestion, proposer), ct);
        if (!result.Saved)
        {
            await LoadAsync(me, ct);
            Message = "Your goals changed in another tab or device at the same moment. Nothing is lost: look at the suggestion again.";
            return Page();
        }
        return Redirect("/plans/wellbeing/goals?saved=accepted");
    }
}

public sealed class GoalInput
{
    [Required(ErrorMessage = "Enter your goal in your own words")]
    [StringLength(Goal.WordsMaxLength, ErrorMessage = "Your goal must be 500 characters or fewer")]
    public string Words { get; set; } = "";

    [StringLength(Goal.TextMaxLength, ErrorMessage = "Why this matters must be 2,000 characters or fewer")]
    public string? WhyItMatters { get; set; }

    [StringLength(40)]
    public string? DomainKey { get; set; }

    public List<StepInput> Steps { get; set; } = [];

    public bool Achieved { get; set; }

    [StringLength(Goal.TextMaxLength, ErrorMessage = "Celebration note must be 2,000 characters or fewer")]
    public string? Celebration { get; set; }
}

public sealed class StepInput
{
    public Guid? Id { get; set; }

    [StringLength(Goal.StepMaxLength, ErrorMessage = "Each step must be 300 characters or fewer")]
    public string? Text { get; set; }

    public string? By { get; set; }

    [StringLength(200, ErrorMessage = "Who helps must be 200 characters or fewer")]
    public string? WhoHelps { get; set; }

    public StepStatus Status { get; set; }
}

public sealed class GoalModel(PersonAccess access, PlanStore store, LivingBetterDbContext db, CurrentUser user, TimeProvider time) : PageModel
{
    private static readonly SectionDef Def = PlanStructure.Find(PlanKind.Wellbeing, PlanStructure.Goals)!;

    [BindProperty]
    public GoalInput Input { get; set; } = new();

    [BindProperty]
    public int BaseVersion { get; set; }

    /// <summary>A fingerprint of the goal as it was when the form was opened, so edits to other goals never count as a conflict.</summary>
    [BindProperty]
    public string? GoalBase { get; set; }

    public Guid? GoalId { get; private set; }
    public Goal? Existing { get; private set; }

    /// <summary>Showing "are you sure?" before deleting the goal.</summary>
    public bool ConfirmDelete { get; private set; }
    public Goal? Theirs { get; private set; }
    public DomainTrend? Trend { get; private set; }
    public IReadOnlyList<SelectListItem> Domains { get; private set; } = [];
    public int StepRows => Math.Min(20, Math.Max(3, Input.Steps.Count(s => !string.IsNullOrWhiteSpace(s.Text)) + 2));

    public static async Task<Dictionary<string, string>> DomainsAsync(LivingBetterDbContext db, CancellationToken ct) =>
        (await db.LifeDomains.AsNoTracking().Where(d => d.OrganisationId == null && d.IsActive).OrderBy(d => d.Order).ToListAsync(ct))
            .GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.First().Name);

    public static string Fingerprint(Goal? g) =>
        g is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SectionContent.Serialize(g))))[..16];

    private async Task<Person?> PrepareAsync(string action, CancellationToken ct)
    {
        var me = await access.OwnerAsync(SharedPart.WellbeingPlan, action, ct);
        if (me is null)
        {
            return null;
        }
        var domains = await DomainsAsync(db, ct);
        Domains = [new SelectListItem("No particular area", ""), .. domains.Select(d => new SelectListItem(d.Value, d.Key))];
        return me;
    }

    private async Task LoadTrendAsync(Guid personId, string? domainKey, Dictionary<string, string> names, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(domainKey))
        {
            return;
        }
        var ratings = await db.CheckInRatings.AsNoTracking()
            .Where(r => r.CheckIn!.PersonId == personId && r.Domain!.Key == domainKey && r.Rating != null)
            .OrderByDescending(r => r.CheckIn!.At)
            .Select(r => new { r.Rating, r.CheckIn!.At })
            .Take(6)
            .ToListAsync(ct);
        if (ratings.Count > 0)
        {
            Trend = new DomainTrend(names.GetValueOrDefault(domainKey, domainKey), ratings.Select(r => r.Rating!.Value).Reverse().ToList(), ratings[0].At);
        }
    }

    private static bool TryGoalId(string routeId, out Guid? id)
    {
        id = null;
        if (routeId == "new")
        {
            return true;
        }
        if (Guid.TryParse(routeId, out var g))
        {
            id = g;
            return true;
        }
        return false;
    }

    public async Task<IActionResult> OnGetAsync(string id, string? domain, CancellationToken ct)
    {
        if (!TryGoalId(id, out var goalRouteId) || await PrepareAsync("plans.goal.read", ct) is not { } me)
        {
            return NotFound();
        }
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        BaseVersion = section.Version;
        if (goalRouteId is { } goalId)
        {
            Existing = ((GoalsContent)section.Content).Items.FirstOrDefault(g => g.Id == goalId);
            if (Existing is null)
            {
                return NotFound();
            }
            GoalId = goalId;
            GoalBase = Fingerprint(Existing);
            Input = new GoalInput
            {
                Words = Existing.Words,
                WhyItMatters = Existing.WhyItMatters,
                DomainKey = Existing.DomainKey,
                Achieved = Existing.AchievedOn is not null,
                Celebration = Existing.Celebration,
                Steps = Existing.Steps.Select(s => new StepInput
                {
                    Id = s.Id,
                    Text = s.Text,
                    WhoHelps = s.WhoHelps,
                    Status = s.Status,
                    By = s.By?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }).ToList(),
            };
            await LoadTrendAsync(me.Id, Existing.DomainKey, await DomainsAsync(db, ct), ct);
        }
        else if (domain is not null && Domains.Any(d => d.Value == domain))
        {
            Input.DomainKey = domain;
        }
        return Page();
    }

    public async Task<IActionResult> OnGetDeleteAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var goalId) || await PrepareAsync("plans.goal.read", ct) is not { } me)
        {
            return NotFound();
        }
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        Existing = ((GoalsContent)section.Content).Items.FirstOrDefault(g => g.Id == goalId);
        if (Existing is null)
        {
            return NotFound();
        }
        (GoalId, GoalBase, ConfirmDelete) = (goalId, Fingerprint(Existing), true);
        return Page();
    }

    /// <summary>Deletes one goal as a new version of the goals, so it can be restored from the history.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var goalId) || await PrepareAsync("plans.goal.delete", ct) is not { } me)
        {
            return NotFound();
        }
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        var goals = ((GoalsContent)section.Content).Items;
        Existing = goals.FirstOrDefault(g => g.Id == goalId);
        if (Existing is null)
        {
            // Already deleted (another tab, or a second press): nothing more to do.
            return Redirect("/plans/wellbeing/goals?saved=deleted");
        }
        GoalId = goalId;
        if (Fingerprint(Existing) != (GoalBase ?? ""))
        {
            // Changed in another tab since "are you sure?" was shown: ask again about what it says now.
            GoalBase = Fingerprint(Existing);
            ConfirmDelete = true;
            ModelState.AddModelError("", "This goal was changed in another tab or device since you chose to delete it. Check what it says now before deleting it.");
            return Page();
        }
        var rest = goals.Where(g => g.Id != goalId).ToList();
        var reason = $"Deleted the goal “{Existing.Words}”";
        var result = await store.SaveAsync(me.Id, Def, new GoalsContent { Items = rest }, section.Version,
            rest.Count == 0 ? SectionState.NotStarted : rest.All(g => g.Steps.Count > 0) ? SectionState.Done : SectionState.Started,
            user.RequiredId, null, reason.Length > 119 ? reason[..118] + "…”" : reason, ct);
        if (!result.Saved)
        {
            ConfirmDelete = true;
            ModelState.AddModelError("", "Your goals were saved in another tab or device at the same moment. Nothing was deleted: try again.");
            return Page();
        }
        return Redirect("/plans/wellbeing/goals?saved=deleted");
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!TryGoalId(id, out var goalRouteId) || await PrepareAsync("plans.goal.save", ct) is not { } me)
        {
            return NotFound();
        }
        return await SaveAsync(me, goalRouteId, ct);
    }

    private async Task<IActionResult> SaveAsync(Person me, Guid? id, CancellationToken ct)
    {
        GoalId = id;
        var section = await store.LoadSectionAsync(me.Id, Def, ct);
        var goals = ((GoalsContent)section.Content).Items;
        Existing = id is { } gid ? goals.FirstOrDefault(g => g.Id == gid) : null;
        if (id is not null && Existing is null && string.IsNullOrEmpty(GoalBase))
        {
            return NotFound();
        }
        if (!string.IsNullOrEmpty(Input.DomainKey) && !Domains.Any(d => d.Value == Input.DomainKey))
        {
            ModelState.AddModelError("Input.DomainKey", "Select an area of life from the list");
        }
        var steps = new List<GoalStep>();
        for (var i = 0; i < Input.Steps.Count && i < 20; i++)
        {
            var s = Input.Steps[i];
            if (string.IsNullOrWhiteSpace(s.Text))
            {
                continue;
            }
            DateOnly? by = null;
            if (!string.IsNullOrWhiteSpace(s.By))
            {
                if (DateOnly.TryParseExact(s.By.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    || DateOnly.TryParseExact(s.By.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
                {
                    by = d;
                }
                else
                {
                    ModelState.AddModelError($"Input.Steps[{i}].By", $"Step {i + 1}: the date must be a real date, like 31/3/2027");
                }
            }
            if (!Enum.IsDefined(s.Status))
            {
                ModelState.AddModelError($"Input.Steps[{i}].Status", $"Step {i + 1}: select a status from the list");
            }
            var existingStep = s.Id is { } sid ? Existing?.Steps.FirstOrDefault(x => x.Id == sid) : null;
            steps.Add(new GoalStep
            {
                Id = existingStep?.Id ?? Guid.NewGuid(),
                Text = SectionContent.Clean(s.Text),
                By = by,
                WhoHelps = SectionContent.Clean(s.WhoHelps),
                Status = s.Status,
            });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var goal = new Goal
        {
            Id = Existing?.Id ?? id ?? Guid.NewGuid(),
            Words = SectionContent.Clean(Input.Words),
            WhyItMatters = SectionContent.Clean(Input.WhyItMatters),
            DomainKey = string.IsNullOrEmpty(Input.DomainKey) ? null : Input.DomainKey,
            Steps = steps,
            AchievedOn = Input.Achieved ? Existing?.AchievedOn ?? today : null,
            Celebration = Input.Achieved ? SectionContent.Clean(Input.Celebration) : "",
        };
        // Someone changed this very goal in another tab: show both rather than overwrite.
        if (id is not null && Fingerprint(Existing) != (GoalBase ?? ""))
        {
            Theirs = Existing;
            GoalBase = Fingerprint(Existing);
            BaseVersion = section.Version;
            ModelState.Clear();
            return Page();
        }
        var updated = Existing is null ? [.. goals, goal] : goals.Select(g => g.Id == goal.Id ? goal : g).ToList();
        var reason = Existing is null ? "Added a goal" : goal.AchievedOn is not null && Existing.AchievedOn is null ? "Goal achieved" : "Changed a goal";
        var result = await store.SaveAsync(me.Id, Def, new GoalsContent { Items = updated }, section.Version,
            updated.All(g => g.Steps.Count > 0) ? SectionState.Done : SectionState.Started, user.RequiredId, null, reason, ct);
        if (!result.Saved)
        {
            ModelState.AddModelError("", "Your goals were saved in another tab or device at the same moment. Nothing is lost: check your words below and save again.");
            BaseVersion = result.Current.Version;
            return Page();
        }
        return Redirect($"/plans/wellbeing/goals/{goal.Id}?saved=1");
    }
}
