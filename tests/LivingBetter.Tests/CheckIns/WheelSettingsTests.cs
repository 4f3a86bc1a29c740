using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.CheckIns;

public sealed class WheelSettingsTests(CheckInsApp app) : IClassFixture<CheckInsApp>
{
    /// <summary>What a browser would post for the domain list: every visible field, with the chosen boxes ticked.</summary>
    private static Dictionary<string, string> AllDomainFields(Func<int, bool> active)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < DefaultDomains.All.Count; i++)
        {
            fields[$"Domains[{i}].Name"] = DefaultDomains.All[i].Name;
            fields[$"Domains[{i}].Description"] = DefaultDomains.All[i].Description;
            if (active(i))
            {
                fields[$"Domains[{i}].IsActive"] = "true";
            }
        }
        return fields;
    }

    [Fact]
    public async Task OrganisationSetsItsOwnDomainsAndScale_PeopleItSupportsCheckInOnThem()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin));
        var scale = await admin.SubmitFormAsync("/organisation/wheel", new Dictionary<string, string>
        {
            ["Scale.Min"] = "0",
            ["Scale.Max"] = "5",
            ["Scale.LowLabel"] = "Really hard",
            ["Scale.HighLabel"] = "Really good",
        }, action: "handler=Scale");
        Assert.Equal(HttpStatusCode.Redirect, scale.StatusCode);
        var edit = AllDomainFields(i => i != 7);
        edit["Domains[4].Name"] = "Money and debt";
        edit["NewDomain.Name"] = "Faith and culture";
        edit["NewDomain.Description"] = "What you believe and where you feel you belong.";
        var domains = await admin.SubmitFormAsync("/organisation/wheel", edit, action: "handler=Domains");
        Assert.Equal(HttpStatusCode.Redirect, domains.StatusCode);

        var person = await app.CreatePersonAsync("Sol");
        await app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, TeamId = teamId, StartedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(person);
        var page = await client.GetPageAsync("/check-ins/new");
        var legends = page.QuerySelectorAll("legend").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Money and debt", legends);
        Assert.Contains("Faith and culture", legends);
        Assert.DoesNotContain("Leisure and interests", legends);
        Assert.Contains("0 means \"Really hard\" and 5 means \"Really good\"", page.MainText());

        var fields = new Dictionary<string, string> { ["Input.Ratings[0].Value"] = "6" };
        var refused = await Forms.ParseAsync(await client.SubmitFormAsync("/check-ins/new", fields));
        Assert.Contains("Rating for Mental wellbeing must be between 0 and 5", refused.ErrorSummary());
        // The shared default set is untouched for everyone else.
        Assert.Equal("Money", await app.WithDbAsync(db => db.LifeDomains.Where(d => d.OrganisationId == null && d.Key == "money").Select(d => d.Name).SingleAsync()));
    }

    [Fact]
    public async Task SwitchingOffTooManyDomains_IsRefused_AndNothingChanges()
    {
        var (orgId, _) = await app.CreateOrganisationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin));
        var fields = AllDomainFields(i => i < 2);
        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/organisation/wheel", fields, action: "handler=Domains"));
        Assert.Contains("Keep at least 3 parts of life switched on", page.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.LifeDomains.CountAsync(d => d.OrganisationId == orgId)));
    }
}
