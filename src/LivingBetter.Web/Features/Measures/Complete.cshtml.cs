using System.Text.Json;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

/// <summary>The person completes an enabled measure of an organisation supporting them; it is scored on saving.</summary>
public sealed class CompleteModel(LivingBetterDbContext db, PersonAccess access, CurrentUser current, TimeProvider time) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    public MeasureDefinition Measure { get; private set; } = null!;
    public Questionnaire Questionnaire { get; private set; } = null!;

    private async Task<(Person Person, ScoringDefinition Scoring)?> LoadAsync(Guid id, string action, CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null || await access.RequireAsync(me.Id, SharedPart.CheckIns, AccessLevel.Owner, action, ct) is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var measure = await db.Set<MeasureDefinition>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Enabled
            && db.CareEpisodes.Any(c => c.PersonId == me.Id && (c.EndedAt == null || c.EndedAt > now) && c.Team!.OrganisationId == m.OrganisationId), ct);
        if (measure is null)
        {
            return null;
        }
        var (q, _) = ScoringEngine.ParseQuestionnaire(measure.DefinitionJson);
        var (s, _) = ScoringEngine.ParseScoring(measure.ScoringJson, q);
        if (q is null || s is null)
        {
            return null;
        }
        Measure = measure;
        Questionnaire = q;
        return (me, s);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, "measures.complete.view", ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, "measures.complete.save", ct) is not { } loaded)
        {
            return NotFound();
        }
        var values = new Dictionary<string, decimal>();
        var chosen = new Dictionary<string, object>();
        foreach (var item in Questionnaire.Items)
        {
            if (Answers.TryGetValue(item.LinkId, out var code) && !string.IsNullOrEmpty(code))
            {
                var option = item.Options.FirstOrDefault(o => o.Code == code);
                if (option is null)
                {
                    ModelState.AddModelError($"Answers[{item.LinkId}]", $"Choose one of the answers for question {Questionnaire.Items.ToList().IndexOf(item) + 1}");
                    continue;
                }
                values[item.LinkId] = option.Value;
                chosen[item.LinkId] = new { code = option.Code, value = option.Value };
            }
        }
        var result = ScoringEngine.Score(loaded.Scoring, values);
        if (!result.Scored)
        {
            ModelState.AddModelError("", $"Please answer more of the questions: {result.Reason}.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Add(new MeasureResponse
        {
            Id = Guid.NewGuid(),
            PersonId = loaded.Person.Id,
            MeasureDefinitionId = Measure.Id,
            At = time.GetUtcNow(),
            RecordedByUserId = current.RequiredId,
            AnswersJson = JsonSerializer.Serialize(chosen),
            RawScore = result.Raw,
            MetricScore = result.Metric,
            SubscaleScoresJson = JsonSerializer.Serialize(result.Subscales),
        });
        await db.SaveChangesAsync(ct);
        return Redirect("/measures");
    }
}
