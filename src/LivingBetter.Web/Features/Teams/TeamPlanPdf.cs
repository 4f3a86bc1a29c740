namespace LivingBetter.Web.Features.Teams;

public static class TeamPlanPdf
{
    public static async Task<IResult> HandleAsync(Guid teamId, TeamAccess access, CancellationToken ct)
    {
        var scope = await access.ForTeamAsync(teamId, ct);
        return scope is null ? Results.NotFound() : Results.NotFound();
    }
}
