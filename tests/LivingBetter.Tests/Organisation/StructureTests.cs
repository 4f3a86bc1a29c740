using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

// Not LivingBetter.Tests.Organisation: that namespace would hide the Organisation entity from the shared test support.
namespace LivingBetter.Tests.OrganisationAdmin;

public sealed class StructureTests : IDisposable
{
    private readonly LivingBetterApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Overview_ForAdmin_ShowsCountsOfTheirOrganisation()
    {
        var s = await _app.SignInAsNewAdminAsync("Overview Trust");
        var person = await _app.CreatePersonAsync();
        await _app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = s.TeamId, StartedAt = _app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        var page = await s.Client.GetPageAsync("/organisation");

        Assert.Equal("Overview Trust", page.QuerySelector("h1")?.TextContent.Trim());
        var counts = page.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("1", counts["Divisions"]);
        Assert.Equal("1", counts["Teams"]);
        Assert.Equal("1", counts["Staff"]);
        Assert.Equal("1", counts["People supported now"]);
    }

    [Theory]
    [InlineData("divisions")]
    [InlineData("localities")]
    public async Task AddPlace_WithName_AppearsInList(string kind)
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync($"/organisation/{kind}/add", ("Input.Name", "  Older People's Services  "));

        await response.AssertRedirectToAsync($"/organisation/{kind}");
        var list = await s.Client.GetPageAsync($"/organisation/{kind}");
        Assert.Contains(list.QuerySelectorAll("tbody th"), th => th.TextContent.EndsWith(" Older People's Services", StringComparison.Ordinal));
        Assert.Contains("Added Older People's Services.", list.MainText());
    }

    [Theory]
    [InlineData("", "Enter a name")]
    [InlineData("   ", "Enter a name")]
    [InlineData("adult mental health services", "There is already a division called adult mental health services. Enter a different name")]
    public async Task AddDivision_WithBadName_ShowsErrorOnNameAndSavesNothing(string name, string message)
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync("/organisation/divisions/add", ("Input.Name", name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal(message, page.FieldError("Input_Name"));
        Assert.Contains(message, page.ErrorSummary());
        Assert.Equal(1, await _app.WithDbAsync(db => db.Divisions.CountAsync(d => d.OrganisationId == s.OrganisationId)));
    }

    [Fact]
    public async Task AddLocality_WithVeryLongName_ShowsLengthError()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync("/organisation/localities/add", ("Input.Name", new string('x', 5000)));

        var page = await Forms.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Name must be 120 characters or fewer", page.FieldError("Input_Name"));
    }

    [Fact]
    public async Task RenameLocality_WithNewName_IsRenamed()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var id = await _app.WithDbAsync(db => db.Localities.Where(l => l.OrganisationId == s.OrganisationId).Select(l => l.Id).SingleAsync());

        var response = await s.Client.SubmitAsync($"/organisation/localities/{id}/rename", ("Input.Name", "Eastmoor"));

        await response.AssertRedirectToAsync("/organisation/localities");
        Assert.Equal("Eastmoor", await _app.WithDbAsync(db => db.Localities.Where(l => l.Id == id).Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task DeleteDivision_WithTeamsInIt_IsRefusedWithReason()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var id = await _app.DivisionIdAsync(s.OrganisationId, "Adult Mental Health Services");

        var confirm = await s.Client.GetPageAsync($"/organisation/divisions/{id}/delete");
        Assert.Contains("1 team belongs to it", confirm.MainText());
        Assert.Null(confirm.QuerySelector("main form"));
        var response = await s.Client.PostWithTokenAsync("/organisation/divisions", $"/organisation/divisions/{id}/delete", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.Divisions.AnyAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task DeleteDivision_Unused_AsksThenDeletes()
    {
        var s = await _app.SignInAsNewAdminAsync();
        await s.Client.SubmitAsync("/organisation/divisions/add", ("Input.Name", "Forensic Services"));
        var id = await _app.DivisionIdAsync(s.OrganisationId, "Forensic Services");

        var confirm = await s.Client.GetPageAsync($"/organisation/divisions/{id}/delete");
        Assert.Contains("Are you sure?", confirm.MainText());
        Assert.Contains("This cannot be undone.", confirm.MainText());
        Assert.True(await _app.WithDbAsync(db => db.Divisions.AnyAsync(d => d.Id == id)));
        var response = await s.Client.SubmitAsync($"/organisation/divisions/{id}/delete");

        await response.AssertRedirectToAsync("/organisation/divisions");
        Assert.False(await _app.WithDbAsync(db => db.Divisions.AnyAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task AddTeam_WithDivisionAndLocality_IsSavedWithBoth()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var divisionId = await _app.DivisionIdAsync(s.OrganisationId, "Adult Mental Health Services");

        var response = await s.Client.SubmitAsync("/organisation/teams/add",
            ("Input.Name", "Riverside Early Intervention Team"), ("Input.Description", "First episode psychosis"), ("Input.DivisionId", divisionId.ToString()), ("Input.LocalityId", ""));

        await response.AssertRedirectToAsync("/organisation/teams");
        var team = await _app.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Riverside Early Intervention Team"));
        Assert.Equal(s.OrganisationId, team.OrganisationId);
        Assert.Equal(divisionId, team.DivisionId);
        Assert.Null(team.LocalityId);
        Assert.Equal("First episode psychosis", team.Description);
    }

    [Fact]
    public async Task EditTeam_WithDuplicateNameAndForeignDivision_ShowsBothErrorsAndSavesNothing()
    {
        var s = await _app.SignInAsNewAdminAsync();
        await s.Client.SubmitAsync("/organisation/teams/add", ("Input.Name", "Second Team"));
        var secondId = await _app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Second Team").Select(t => t.Id).SingleAsync());
        var (otherOrg, _) = await _app.CreateOrganisationAsync();
        var foreignDivision = await _app.DivisionIdAsync(otherOrg, "Adult Mental Health Services");

        var response = await s.Client.SubmitAsync($"/organisation/teams/{secondId}/edit",
            ("Input.Name", "test community team"), ("Input.DivisionId", foreignDivision.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal("Choose a division from the list", page.FieldError("Input_DivisionId"));
        var team = await _app.WithDbAsync(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == secondId));
        Assert.Equal("Second Team", team.Name);
        Assert.Null(team.DivisionId);

        response = await s.Client.SubmitAsync($"/organisation/teams/{secondId}/edit", ("Input.Name", "test community team"));
        page = await Forms.ParseAsync(response);
        Assert.Equal("There is already a team called test community team. Enter a different team name", page.FieldError("Input_Name"));
    }

    [Fact]
    public async Task DeleteTeam_WithMembers_IsRefusedAndTeamKept()
    {
        var s = await _app.SignInAsNewAdminAsync();
        await _app.CreateStaffAsync(s.OrganisationId, s.TeamId);

        var confirm = await s.Client.GetPageAsync($"/organisation/teams/{s.TeamId}/delete");
        Assert.Contains("still has 1 member", confirm.MainText());
        var response = await s.Client.PostWithTokenAsync("/organisation/teams", $"/organisation/teams/{s.TeamId}/delete", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Id == s.TeamId)));
    }

    [Fact]
    public async Task DeleteTeam_ThatSupportedPeople_IsRefused()
    {
        var s = await _app.SignInAsNewAdminAsync();
        var person = await _app.CreatePersonAsync();
        await _app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = s.TeamId, StartedAt = _app.Time.GetUtcNow(), EndedAt = _app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        var response = await s.Client.PostWithTokenAsync("/organisation/teams", $"/organisation/teams/{s.TeamId}/delete", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("has supported people", (await Forms.ParseAsync(response)).MainText());
        Assert.True(await _app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Id == s.TeamId)));
    }

    [Fact]
    public async Task DeleteTeam_Empty_IsDeleted()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync($"/organisation/teams/{s.TeamId}/delete");

        await response.AssertRedirectToAsync("/organisation/teams");
        Assert.False(await _app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Id == s.TeamId)));
    }

    [Fact]
    public async Task Settings_WithLicensedLabelAndScale_AreSaved()
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync("/organisation/settings",
            ("Input.Name", "Renamed Trust"), ("Input.StayingWellPlanLabel", "WRAP"), ("Input.WheelScaleMin", "0x"),
            ("Input.WheelScaleMax", "5"), ("Input.WheelScaleLowLabel", "Poor"), ("Input.WheelScaleHighLabel", "Great"));
        var page = await Forms.ParseAsync(response);
        Assert.Equal("Lowest rating must be a whole number from 1 to 100", page.FieldError("Input_WheelScaleMin"));

        response = await s.Client.SubmitAsync("/organisation/settings",
            ("Input.Name", "Renamed Trust"), ("Input.StayingWellPlanLabel", "WRAP"), ("Input.WheelScaleMin", "1"),
            ("Input.WheelScaleMax", "5"), ("Input.WheelScaleLowLabel", "Poor"), ("Input.WheelScaleHighLabel", "Great"));

        await response.AssertRedirectToAsync("/organisation/settings");
        var org = await _app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == s.OrganisationId));
        Assert.Equal(("Renamed Trust", "WRAP", 1, 5, "Poor", "Great"),
            (org.Name, org.StayingWellPlanLabel, org.WheelScaleMin, org.WheelScaleMax, org.WheelScaleLowLabel, org.WheelScaleHighLabel));
    }

    [Theory]
    [InlineData("7", "7", "Input_WheelScaleMax", "Highest rating must be more than the lowest rating")]
    [InlineData("10", "3", "Input_WheelScaleMax", "Highest rating must be more than the lowest rating")]
    [InlineData("0", "10", "Input_WheelScaleMin", "Lowest rating must be a whole number from 1 to 100")]
    [InlineData("1", "101", "Input_WheelScaleMax", "Highest rating must be a whole number from 1 to 100")]
    [InlineData("", "10", "Input_WheelScaleMin", "Enter the lowest rating, a whole number from 1 to 100")]
    public async Task Settings_WithBadScale_ShowsErrorOnFieldAndKeepsOldScale(string min, string max, string field, string message)
    {
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync("/organisation/settings", AdminSupport.SettingsFields(min: min, max: max));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, (await Forms.ParseAsync(response)).FieldError(field));
        var org = await _app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == s.OrganisationId));
        Assert.Equal((1, 10), (org.WheelScaleMin, org.WheelScaleMax));
    }

    [Fact]
    public async Task Settings_WithEmptyLabel_GoesBackToDefault_AndTakenNameIsRefused()
    {
        var (_, _) = await _app.CreateOrganisationAsync("Taken Name Trust");
        var s = await _app.SignInAsNewAdminAsync();

        var response = await s.Client.SubmitAsync("/organisation/settings", AdminSupport.SettingsFields(name: "taken name trust"));
        Assert.Equal("Another organisation already uses this name. Enter a different name", (await Forms.ParseAsync(response)).FieldError("Input_Name"));

        response = await s.Client.SubmitAsync("/organisation/settings", AdminSupport.SettingsFields(label: " "));
        await response.AssertRedirectToAsync("/organisation/settings");
        Assert.Equal("My staying-well plan", await _app.WithDbAsync(db => db.Organisations.Where(o => o.Id == s.OrganisationId).Select(o => o.StayingWellPlanLabel).SingleAsync()));
    }
}
