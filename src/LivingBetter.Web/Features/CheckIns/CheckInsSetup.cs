using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.CheckIns;

public static class CheckInsSetup
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddScoped<CheckInService>();
        services.AddDemoSeeder<CheckInsDemoSeeder>();
        // The person's own pages live under /check-ins; staff open the same pages for someone they support.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/CheckIns/Index", "/people/{personId:guid}/check-ins");
            o.Conventions.AddPageRoute("/CheckIns/Progress", "/people/{personId:guid}/check-ins/progress");
        });
        return services;
    }

    /// <summary>The person whose check-ins these are: the signed-in person, or the one named in the address, checked and logged.</summary>
    public static async Task<PersonAccessGrant?> ResolveAsync(PersonAccess access, Guid? personId, AccessLevel minimum, string action, CancellationToken ct)
    {
        var id = personId ?? (await access.MyPersonAsync(ct))?.Id;
        return id is null ? null : await access.RequireAsync(id.Value, SharedPart.CheckIns, minimum, action, ct);
    }

    public static string BasePath(PersonAccessGrant grant) =>
        grant.IsOwner ? "/check-ins" : $"/people/{grant.Person.Id}/check-ins";
}
