using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Features.Organisation;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddLivingBetterDatabase(builder.Configuration);
builder.Services.AddLivingBetterEmail(builder.Configuration);
builder.Services.AddLivingBetterWeb(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration, builder.Environment);
builder.Services.AddOrganisationAdmin();
builder.Services.AddOrganisationPlanning();
builder.Services.AddDemoData();
builder.Logging.AddLivingBetterLogging(builder.Environment);

var app = builder.Build();

app.UseLivingBetterWeb();
app.MapLivingBetterOperations();
app.MapAccountsApi();
app.MapRazorPages();

await app.Services.PrepareDatabaseAsync();
await app.Services.SeedDemoDataIfWantedAsync(app.Configuration);
app.AnnounceAddressOnStart();

await app.RunAsync();

/// <summary>Entry point, public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
