using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.College;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Features.Organisation;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Features.Outcomes;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Features.Resources;
using LivingBetter.Web.Features.Sharing;
using LivingBetter.Web.Features.Teams;
using LivingBetter.Web.Infrastructure;

if (args.Contains(AuditCommands.VerifyCommand))
{
    return await AuditCommands.RunAsync(args);
}
if (args.Contains(OutcomeCommands.RebuildCommand))
{
    return await OutcomeCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddLivingBetterDatabase(builder.Configuration);
builder.Services.AddLivingBetterEmail(builder.Configuration);
builder.Services.AddLivingBetterWeb(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration, builder.Environment);
builder.Services.AddOrganisationAdmin();
builder.Services.AddOrganisationPlanning();
builder.Services.AddDemoData();
builder.Services.AddSharing();
builder.Services.AddCheckIns();
builder.Services.AddMeasures();
builder.Services.AddPlans();
builder.Services.AddTeamPlans();
builder.Services.AddCollege(builder.Configuration, builder.Environment);
builder.Services.AddCommunityResources();
builder.Services.AddScoped<FhirRecords>();
builder.Services.AddScoped<FhirRecordImport>();
builder.Services.AddFhirBulkExport(builder.Configuration, builder.Environment);
builder.Logging.AddLivingBetterLogging(builder.Environment);

var app = builder.Build();

app.UseLivingBetterWeb();
app.MapLivingBetterOperations();
app.MapAccountsApi();
app.MapSharingApi();
app.MapCheckInsApi();
app.MapMeasuresApi();
app.MapPlansApi();
app.MapTeamPlans();
app.MapCollegeApi();
app.MapFhirApi();
app.MapFhirBulkExport();
app.MapRazorPages();

await app.Services.PrepareDatabaseAsync();
await app.Services.SeedDemoDataIfWantedAsync(app.Configuration);
app.AnnounceAddressOnStart();

await app.RunAsync();
return 0;

/// <summary>Entry point, public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
