using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Measures;

/// <summary>The person completes an enabled measure of an organisation supporting them; it is scored on saving.</summary>
public sealed class CompleteModel(PersonAccess access, MeasureService measures, CurrentUser current) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    public MeasureDefinition Measure { get; private set; } = null!;
    public Questionnaire Questionnaire { get; private set; } = null!;

    private async Task<(Person Person, LoadedMeasure Measure)?> LoadAsync(Guid id, string action, CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null || await access.RequireAsync(me.Id, SharedPart.CheckIns, AccessLevel.Owner, action, ct) is null)
        {
            return null;
        }
        if (await measures.AvailableAsync(me.Id, id, ct) is not { } loaded)
        {
            return null;
        }
        Measure = loaded.Definition;
        Questionnaire = loaded.Questionnaire;
        return (me, loaded);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, "measures.complete.view", ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, "measures.complete.save", ct) is not { } loaded)
        {
            return NotFound();
        }
        var (result, chosen, problems) = MeasureService.Check(loaded.Measure, Answers.ToDictionary(a => a.Key, a => (string?)a.Value));
        foreach (var problem in problems)
        {
            var key = problem.Field == "answers" ? "" : $"Answers[{problem.Field["answers.".Length..]}]";
            ModelState.AddModelError(key, problem.Message);
        }
        if (result is null || !ModelState.IsValid)
        {
            return Page();
        }
        await measures.SaveAsync(loaded.Person.Id, current.RequiredId, loaded.Measure, result, chosen, ct);
        return Redirect("/measures");
    }
}
