using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Measures;

public sealed record MeasureOptionDto(string Code, string Display);

public sealed record MeasureQuestionDto(string LinkId, string Text, IReadOnlyList<MeasureOptionDto> Options);

public sealed record MeasureDefinitionDto(Guid Id, string Code, string Title, decimal? ReliableChange, bool HigherIsBetter, IReadOnlyList<MeasureQuestionDto> Questions);

/// <summary>Answers as question linkId → the chosen option's code; leave a question out to skip it.</summary>
public sealed record MeasureAnswersRequest(Dictionary<string, string?>? Answers);

public sealed record MeasureResultDto(Guid Id, DateTimeOffset At, decimal? Raw, decimal? Metric, IReadOnlyDictionary<string, decimal?> Subscales, string Change);

public sealed record MeasureHistoryDto(Guid MeasureId, string Code, string Title, decimal? ReliableChange, bool HigherIsBetter, IReadOnlyList<MeasureResultDto> Results);

public static class MeasuresApi
{
    public static WebApplication MapMeasuresApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Measures");

        api.MapGet("/measures", async (PersonAccess access, MeasureService measures, CurrentUser current, CancellationToken ct) =>
        {
            var definitions = new List<MeasureDefinition>();
            if (await access.MyPersonAsync(ct) is { } me)
            {
                definitions.AddRange(await measures.AvailableTo(me.Id).ToListAsync(ct));
            }
            if (current.IsStaff && current.Id is { } userId)
            {
                definitions.AddRange(await measures.EnabledForStaff(userId).ToListAsync(ct));
            }
            return TypedResults.Ok(definitions.DistinctBy(d => d.Id).OrderBy(d => d.Title, StringComparer.CurrentCulture)
                .Select(MeasureService.Load).OfType<LoadedMeasure>().Select(AsDto).ToList());
        })
        .WithName("ListMeasures")
        .WithSummary("Measures switched on by the organisations supporting me (as a person) or that I work in (as staff), with their questions.");

        api.MapPost("/measures/{id:guid}/responses", async Task<Results<Created<MeasureResultDto>, ValidationProblem, NotFound>> (Guid id, MeasureAnswersRequest request,
            PersonAccess access, MeasureService measures, CurrentUser current, CancellationToken ct) =>
        {
            // Answers are the person's own: only the person fills in their questionnaire.
            var me = await access.MyPersonAsync(ct);
            if (me is null || await access.RequireAsync(me.Id, SharedPart.CheckIns, AccessLevel.Owner, "measures.api.respond", ct) is null)
            {
                return TypedResults.NotFound();
            }
            if (await measures.AvailableAsync(me.Id, id, ct) is not { } measure)
            {
                return TypedResults.NotFound();
            }
            var (result, chosen, problems) = MeasureService.Check(measure, request.Answers);
            if (result is null)
            {
                return TypedResults.ValidationProblem(
                    problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    title: "The answers were not saved");
            }
            var saved = await measures.SaveAsync(me.Id, current.RequiredId, measure, result, chosen, ct);
            var history = (await measures.HistoryAsync(me.Id, ct)).First(h => h.MeasureId == measure.Definition.Id);
            return TypedResults.Created($"/api/people/{me.Id}/measures", AsDto(history.Results.First(r => r.Id == saved.Id)));
        })
        .WithName("RespondToMeasure")
        .WithSummary("Saves and scores my answers to a measure. Errors name the field (answers.{linkId}, or answers when too few are answered); nothing is saved.");

        api.MapGet("/people/{personId:guid}/measures", async Task<Results<Ok<List<MeasureHistoryDto>>, NotFound>> (Guid personId, PersonAccess access,
            MeasureService measures, CancellationToken ct) =>
        {
            if (await access.RequireAsync(personId, SharedPart.CheckIns, AccessLevel.View, "measures.api.results", ct) is null)
            {
                return TypedResults.NotFound();
            }
            var histories = await measures.HistoryAsync(personId, ct);
            return TypedResults.Ok(histories.Select(h => new MeasureHistoryDto(h.MeasureId, h.Code, h.Title, h.ReliableChange, h.HigherIsBetter,
                h.Results.Select(AsDto).ToList())).ToList());
        })
        .WithName("ListMeasureResults")
        .WithSummary("The person's measure scores over time, each marked against their first for reliable change. Shared with the check-ins.");

        return app;
    }

    private static MeasureDefinitionDto AsDto(LoadedMeasure m) =>
        new(m.Definition.Id, m.Definition.Code, m.Definition.Title, m.Scoring.ReliableChange, m.Scoring.HigherIsBetter,
            m.Questionnaire.Items.Select(q => new MeasureQuestionDto(q.LinkId, q.Text, q.Options.Select(o => new MeasureOptionDto(o.Code, o.Display)).ToList())).ToList());

    private static MeasureResultDto AsDto(MeasureResult r) =>
        new(r.Id, r.At, r.Raw, r.Metric, r.Subscales, r.Verdict switch
        {
            ChangeVerdict.ReliableImprovement => "reliableImprovement",
            ChangeVerdict.ReliableDeterioration => "reliableDeterioration",
            ChangeVerdict.NoReliableChange => "noReliableChange",
            _ => "baseline",
        });
}
