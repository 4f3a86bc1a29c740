using LivingBetter.Web.Auth;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LivingBetter.Web.Features.CheckIns;

public sealed record RatingRequest(string? Domain, int? Rating, bool? Skipped, bool? WantsHelp, string? Note);

public sealed record CheckInRequest(string? Note, List<RatingRequest>? Ratings);

public sealed record RatingDto(string Domain, string Name, int? Rating, bool Skipped, int? WorkerRating, bool WantsHelp);

public sealed record CheckInDto(Guid Id, DateTimeOffset At, string Note, int ScaleMin, int ScaleMax, string? WorkerName, IReadOnlyList<RatingDto> Ratings);

public static class CheckInsApi
{
    public static WebApplication MapCheckInsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/people/{personId:guid}/check-ins").WithTags("Check-ins");

        api.MapGet("", async Task<Results<Ok<List<CheckInDto>>, NotFound>> (Guid personId, PersonAccess access, CheckInService checkIns, CancellationToken ct) =>
        {
            if (await access.RequireAsync(personId, SharedPart.CheckIns, AccessLevel.View, "checkins.api.list", ct) is null)
            {
                return TypedResults.NotFound();
            }
            var history = await checkIns.HistoryAsync(personId, ct);
            return TypedResults.Ok(history.Select(AsDto).ToList());
        })
        .WithName("ListCheckIns")
        .WithSummary("The person's wellbeing-wheel check-ins, oldest first, with any worker's view beside the person's ratings.");

        api.MapPost("", async Task<Results<Created<CheckInDto>, ValidationProblem, NotFound>> (Guid personId, CheckInRequest request, PersonAccess access,
            CheckInService checkIns, CurrentUser current, CancellationToken ct) =>
        {
            // Ratings are the person's own words: only the person records them.
            var grant = await access.RequireAsync(personId, SharedPart.CheckIns, AccessLevel.Owner, "checkins.api.create", ct);
            if (grant is null)
            {
                return TypedResults.NotFound();
            }
            var settings = await checkIns.SettingsForAsync(personId, ct);
            var input = new CheckInInput(request.Note, (request.Ratings ?? [])
                .Select(r => new RatingInput(r.Domain, r.Rating, r.Skipped ?? false, r.WantsHelp ?? false, r.Note)).ToList());
            var problems = CheckInService.Validate(input, settings);
            if (problems.Count > 0)
            {
                return TypedResults.ValidationProblem(
                    problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    title: "The check-in was not saved");
            }
            var saved = await checkIns.SaveAsync(personId, current.RequiredId, input, settings, ct);
            var view = (await checkIns.HistoryAsync(personId, ct)).First(c => c.Id == saved.Id);
            return TypedResults.Created($"/api/people/{personId}/check-ins/{saved.Id}", AsDto(view));
        })
        .WithName("CreateCheckIn")
        .WithSummary("Records the person's own check-in. Every life domain must be rated or marked skipped; errors name the field.");

        return app;
    }

    private static CheckInDto AsDto(CheckInView c) =>
        new(c.Id, c.At, c.Note, c.ScaleMin, c.ScaleMax, c.WorkerName,
            c.Ratings.Select(r => new RatingDto(r.DomainKey, r.DomainName, r.Rating, r.Skipped, r.WorkerRating, r.WantsHelp)).ToList());
}
