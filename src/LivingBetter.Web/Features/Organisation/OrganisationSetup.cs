using LivingBetter.Web.Features.Organisation.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Organisation;

public static class OrganisationSetup
{
    public static IServiceCollection AddOrganisationAdmin(this IServiceCollection services)
    {
        services.AddScoped<AdminScope>();
        services.AddScoped<StaffInvitations>();

        services.Configure<RazorPagesOptions>(o =>
        {
            // Adding and editing share one page so their validation cannot drift apart; the page's own
            // @page line carries the edit route, and "add" is the same form with no id.
            o.Conventions.AddPageRoute("/Organisation/Places/Edit", "/organisation/{kind:regex(^(divisions|localities)$)}/add");
            o.Conventions.AddPageRoute("/Organisation/Teams/Edit", "/organisation/teams/add");
        });
        return services;
    }
}
