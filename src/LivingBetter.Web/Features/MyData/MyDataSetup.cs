using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.MyData;

public static class MyDataSetup
{
    /// <summary>How long the access log is kept after an account closes; shown on the page.</summary>
    public const int AccessLogRetentionYears = 8;

    public static IServiceCollection AddMyDataFeature(this IServiceCollection services)
    {
        services.AddScoped<MyDataService>();
        // Parents first: erasure runs in reverse.
        services.AddMyData<CareEpisode>("careEpisodes", id => c => c.PersonId == id);
        services.AddMyData<SupporterLink>("supporters", id => l => l.PersonId == id);
        services.AddMyData<SharingGrant>("sharing", id => g => g.PersonId == id);
        services.AddMyData<Invitation>("invitations", id => i => i.PersonId == id);
        services.AddMyData<Plan>("plans", id => p => p.PersonId == id);
        services.AddMyData<PlanSection>("planSections", id => s => s.Plan!.PersonId == id);
        services.AddMyData<PlanSectionVersion>("planSectionVersions", id => v => v.Section!.Plan!.PersonId == id);
        services.AddMyData<ProfessionalNote>("professionalViews", id => n => n.Section!.Plan!.PersonId == id);
        services.AddMyData<SectionSuggestion>("suggestions", id => s => s.Section!.Plan!.PersonId == id);
        services.AddMyData<CheckIn>("checkIns", id => c => c.PersonId == id);
        services.AddMyData<CheckInRating>("checkInRatings", id => r => r.CheckIn!.PersonId == id);
        services.AddMyData<CheckInSchedule>("checkInSchedule", id => s => s.PersonId == id);
        services.AddMyData<MeasureResponse>("measureResponses", id => r => r.PersonId == id);
        services.AddMyData<ResourceLink>("communityResources", id => l => l.PersonId == id);
        // The access log is part of the download but is kept when an account closes (see the page for why).
        services.AddMyData<AuditEntry>("accessLog", id => a => a.PersonId == id, eraseOnClose: false);
        return services;
    }
}
