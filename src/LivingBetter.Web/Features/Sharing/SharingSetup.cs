using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.MyData;
using LivingBetter.Web.Features.Records;

namespace LivingBetter.Web.Features.Sharing;

public static class SharingSetup
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.AddScoped<SharingService>();
        services.AddScoped<SharingSummary>();
        services.AddDemoSeeder<SharingDemoSeeder>();
        services.AddScoped<SharedWithMe>();
        services.AddMyDataFeature();
        services.AddStartedRecords();
        return services;
    }

    public static WebApplication MapSharingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Sharing");
        api.MapGet("/people/{personId:guid}/shared-with-me", async (Guid personId, PersonAccess access, CancellationToken ct) =>
        {
            var summary = await access.RequireAnyAsync(personId, "people.shared", ct);
            return summary is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found")
                : Results.Ok(new SharedWithMeDto(summary.Person.Id, summary.Person.PreferredName,
                    summary.Parts.OrderBy(p => p.Key).Select(p => new SharedPartDto(p.Key.ToString(), p.Value.ToString())).ToList()));
        })
        .WithName("GetSharedWithMe")
        .WithSummary("What one person currently shares with the signed-in user. 404 when nothing is shared, or the person does not exist.");

        api.MapGet("/sharing/grants", async (PersonAccess access, SharingSummary summary, CurrentUser current, CancellationToken ct) =>
        {
            // Who the person shares with goes only with their whole record, as in their FHIR record (Consent).
            var me = current.TokenScope.HasEveryPart ? await access.MyPersonAsync(ct) : null;
            if (me is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }
            var grants = await summary.CurrentGrantsAsync(me.Id, ct);
            return Results.Ok(grants.Select(g => new GrantDto(g.Grant.Id, g.Grantee, g.Grant.Part.ToString(), g.Grant.Access.ToString(),
                g.Grant.ExpiresAt, SharingWords.Sentence(g.Grantee, g.Grant))).ToList());
        })
        .WithName("GetMySharing")
        .WithSummary("The signed-in person's current sharing, each with its plain-English sentence.");
        return app;
    }
}

public sealed record SharedPartDto(string Part, string Access);

public sealed record SharedWithMeDto(Guid PersonId, string Name, IReadOnlyList<SharedPartDto> Parts);

public sealed record GrantDto(Guid Id, string Grantee, string Part, string Access, DateTimeOffset? ExpiresAt, string Sentence);
