namespace LivingBetter.Web.Features.Organisation;

public static class OrganisationSetup
{
    public static IServiceCollection AddOrganisationAdmin(this IServiceCollection services) => services;
}
