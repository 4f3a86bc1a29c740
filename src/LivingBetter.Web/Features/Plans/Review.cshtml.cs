using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Plans;

public sealed class ReviewInput
{
    [Required(ErrorMessage = "Enter what helped, even if it was only a little")]
    [StringLength(4000, ErrorMessage = "What helped must be 4,000 characters or fewer")]
    public string WhatHelped { get; set; } = "";

    [StringLength(4000, ErrorMessage = "What did not help must be 4,000 characters or fewer")]
    public string? WhatDidNotHelp { get; set; }

    [StringLength(4000, ErrorMessage = "What you want to change must be 4,000 characters or fewer")]
    public string? WhatToChange { get; set; }
}

/// <summary>The post-crisis review: looking back, then a new version of the post-crisis plan holding what was learned.</summary>
public sealed class ReviewModel(PersonAccess access, PlanStore store, CurrentUser user, TimeProvider time) : PageModel
{
    private static readonly SectionDef Def = PlanStructure.Find(PlanKind.StayingWell, PlanStructure.PostCrisis)!;

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    [BindProperty]
    public int BaseVersion { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.StayingWellPlan, "plans.review.read", ct) is not { } me)
        {
            return NotFound();
        }
        BaseVersion = (await store.LoadSectionAsync(me.Id, Def, ct)).Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.StayingWellPlan, "plans.review.save", ct) is not { } me)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var current = await store.LoadSectionAsync(me.Id, Def, ct);
        var content = (PostCrisisContent)current.Content;
        var review = new PostCrisisReview
        {
            Date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            WhatHelped = SectionContent.Clean(Input.WhatHelped),
            WhatDidNotHelp = SectionContent.Clean(Input.WhatDidNotHelp),
            WhatToChange = SectionContent.Clean(Input.WhatToChange),
        };
        // A review only adds to the section, so it can be applied on top of whatever is saved now.
        var result = await store.SaveAsync(me.Id, Def, content with { Reviews = [.. content.Reviews, review] }, current.Version,
            current.State == SectionState.NotStarted ? SectionState.Started : current.State, user.RequiredId, null, "Post-crisis review", ct);
        if (!result.Saved)
        {
            Problem = "Your plan was saved somewhere else at the same moment. Nothing is lost: press save again.";
            return Page();
        }
        return Redirect("/plans/staying-well/post-crisis/review?handler=done");
    }

    public async Task<IActionResult> OnGetDoneAsync(CancellationToken ct) =>
        await access.OwnerAsync(SharedPart.StayingWellPlan, "plans.review.read", ct) is null ? NotFound() : Page();
}
