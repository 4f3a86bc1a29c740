using System.Text.Json;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

/// <summary>A measure definition that parsed cleanly: what a person fills in and how it is scored.</summary>
public sealed record LoadedMeasure(MeasureDefinition Definition, Questionnaire Questionnaire, ScoringDefinition Scoring);

public sealed record MeasureResult(Guid Id, DateTimeOffset At, decimal? Raw, decimal? Metric, IReadOnlyDictionary<string, decimal?> Subscales, ChangeVerdict Verdict)
{
    public decimal? Headline => Metric ?? Raw;
    public string Shown => Metric is { } m ? m.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : Raw?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "Not scored";
}

/// <summary>One measure's results for a person, oldest first; change is judged against the first.</summary>
public sealed record MeasureHistory(Guid MeasureId, string Code, string Title, decimal? ReliableChange, bool HigherIsBetter, IReadOnlyList<MeasureResult> Results)
{
    public MeasureResult? Latest => Results.Count > 0 ? Results[^1] : null;
}

/// <summary>
/// Measure rules shared by the pages and the JSON API: which definitions a person may fill in, checking
/// answers with problems that name the question, scoring and saving in one step, and results over time.
/// </summary>
public sealed class MeasureService(LivingBetterDbContext db, TimeProvider time)
{
    /// <summary>Enabled definitions of organisations whose teams support the person now.</summary>
    public IQueryable<MeasureDefinition> AvailableTo(Guid personId)
    {
        var now = time.GetUtcNow();
        return db.Set<MeasureDefinition>().AsNoTracking().Where(m => m.Enabled
            && db.CareEpisodes.Any(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now) && c.Team!.OrganisationId == m.OrganisationId));
    }

    /// <summary>Enabled definitions of the team's organisation (a record brought in for the team, before anyone is supported).</summary>
    public IQueryable<MeasureDefinition> EnabledForTeam(Guid teamId) =>
        db.Set<MeasureDefinition>().AsNoTracking().Where(m => m.Enabled && db.Teams.Any(t => t.Id == teamId && t.OrganisationId == m.OrganisationId));

    /// <summary>Enabled definitions of the organisations the staff member works in now.</summary>
    public IQueryable<MeasureDefinition> EnabledForStaff(Guid userId) =>
        db.Set<MeasureDefinition>().AsNoTracking().Where(m => m.Enabled
            && db.StaffMemberships.Any(s => s.UserId == userId && s.LeftAt == null && s.OrganisationId == m.OrganisationId));

    public static LoadedMeasure? Load(MeasureDefinition definition)
    {
        var (q, _) = ScoringEngine.ParseQuestionnaire(definition.DefinitionJson);
        var (s, _) = ScoringEngine.ParseScoring(definition.ScoringJson, q);
        return q is null || s is null ? null : new LoadedMeasure(definition, q, s);
    }

    public async Task<LoadedMeasure?> AvailableAsync(Guid personId, Guid measureId, CancellationToken ct = default)
    {
        var definition = await AvailableTo(personId).FirstOrDefaultAsync(m => m.Id == measureId, ct);
        return definition is null ? null : Load(definition);
    }

    /// <summary>
    /// Checks answers given as linkId → option code and scores them. Problems name the field as the JSON
    /// API spells it: <c>answers.{linkId}</c> for one question, <c>answers</c> for the whole set.
    /// </summary>
    public static (ScoreResult? Result, Dictionary<string, object> Chosen, IReadOnlyList<FieldProblem> Problems) Check(LoadedMeasure measure, IReadOnlyDictionary<string, string?>? answers)
    {
        var problems = new List<FieldProblem>();
        var values = new Dictionary<string, decimal>();
        var chosen = new Dictionary<string, object>();
        answers ??= new Dictionary<string, string?>();
        foreach (var (linkId, code) in answers)
        {
            var index = measure.Questionnaire.Items.ToList().FindIndex(i => i.LinkId == linkId);
            if (index < 0)
            {
                problems.Add(new($"answers.{linkId}", $"'{linkId}' is not a question in {measure.Definition.Title}"));
                continue;
            }
            if (string.IsNullOrEmpty(code))
            {
                continue;
            }
            var option = measure.Questionnaire.Items[index].Options.FirstOrDefault(o => o.Code == code);
            if (option is null)
            {
                problems.Add(new($"answers.{linkId}", $"Choose one of the answers for question {index + 1} ({string.Join(", ", measure.Questionnaire.Items[index].Options.Select(o => o.Code))})"));
                continue;
            }
            values[linkId] = option.Value;
            chosen[linkId] = new { code = option.Code, value = option.Value };
        }
        if (problems.Count > 0)
        {
            return (null, chosen, problems);
        }
        var result = ScoringEngine.Score(measure.Scoring, values);
        if (!result.Scored)
        {
            problems.Add(new("answers", $"Please answer more of the questions: {result.Reason}."));
            return (null, chosen, problems);
        }
        return (result, chosen, problems);
    }

    public async Task<MeasureResponse> SaveAsync(Guid personId, Guid recordedBy, LoadedMeasure measure, ScoreResult result, Dictionary<string, object> chosen, CancellationToken ct = default)
    {
        var response = new MeasureResponse
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            MeasureDefinitionId = measure.Definition.Id,
            At = time.GetUtcNow(),
            RecordedByUserId = recordedBy,
            AnswersJson = JsonSerializer.Serialize(chosen),
            RawScore = result.Raw,
            MetricScore = result.Metric,
            SubscaleScoresJson = JsonSerializer.Serialize(result.Subscales),
        };
        db.Add(response);
        await db.SaveChangesAsync(ct);
        return response;
    }

    /// <summary>
    /// Every measure the person has results for, each with reliable change marked against their first
    /// response. Only call after the caller's access to the person's check-ins has been checked.
    /// </summary>
    public async Task<IReadOnlyList<MeasureHistory>> HistoryAsync(Guid personId, CancellationToken ct = default)
    {
        var responses = await db.Set<MeasureResponse>().AsNoTracking().Where(r => r.PersonId == personId)
            .OrderBy(r => r.At).ToListAsync(ct);
        if (responses.Count == 0)
        {
            return [];
        }
        var ids = responses.Select(r => r.MeasureDefinitionId).Distinct().ToList();
        var definitions = await db.Set<MeasureDefinition>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        return definitions.OrderBy(d => d.Title, StringComparer.CurrentCulture).Select(d => Build(d, responses.Where(r => r.MeasureDefinitionId == d.Id).ToList())).ToList();
    }

    public static MeasureHistory Build(MeasureDefinition definition, IReadOnlyList<MeasureResponse> responses)
    {
        var scoring = Load(definition)?.Scoring;
        var baseline = responses.Count > 0 ? responses[0].MetricScore ?? responses[0].RawScore : null;
        var results = responses.Select((r, i) => new MeasureResult(r.Id, r.At, r.RawScore, r.MetricScore, Subscales(r.SubscaleScoresJson),
            i == 0 || scoring is null ? ChangeVerdict.NotEnough : ScoringEngine.Compare(scoring, baseline, r.MetricScore ?? r.RawScore))).ToList();
        return new MeasureHistory(definition.Id, definition.Code, definition.Title, scoring?.ReliableChange, scoring?.HigherIsBetter ?? true, results);
    }

    /// <summary>Saved subscale scores (<c>{"key": n or null}</c>); empty when unreadable.</summary>
    public static Dictionary<string, decimal?> Subscales(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, decimal?>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Describe(ChangeVerdict verdict, bool owner) => verdict switch
    {
        ChangeVerdict.ReliableImprovement => owner ? "Reliable improvement since your first" : "Reliable improvement since the first",
        ChangeVerdict.ReliableDeterioration => owner ? "A reliable change for the worse since your first" : "A reliable change for the worse since the first",
        ChangeVerdict.NoReliableChange => owner ? "No reliable change since your first" : "No reliable change since the first",
        _ => owner ? "Your starting point" : "Starting point",
    };
}

public static class MeasuresSetup
{
    public static IServiceCollection AddMeasures(this IServiceCollection services)
    {
        services.AddScoped<MeasureService>();
        services.AddDemoSeeder<MeasuresDemoSeeder>();
        return services;
    }
}

/// <summary>What the results partial draws: the histories, and whether the reader is the person themself.</summary>
public sealed record MeasureResultsView(IReadOnlyList<MeasureHistory> Histories, bool Owner, string Whose);
