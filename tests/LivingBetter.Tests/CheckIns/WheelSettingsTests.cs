using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// The one read behind every check-in form and the FHIR create: the person with the wheel of the organisation that
    /// has supported them longest among those supporting them now (ended support does not count), its own active
    /// domains in order, else the default set on that organisation's scale, else the default wheel.
    /// </summary>
    [Fact]
    public async Task PersonWithSettings_LongestStandingOpenSupportDecides_OwnDomainsInOrder_ElseTheDefaultSet()
    {
        var (ended, endedTeam) = await app.CreateOrganisationAsync();
        var (own, ownTeam) = await app.CreateOrganisationAsync();
        var (plain, plainTeam) = await app.CreateOrganisationAsync();
        var now = app.Time.GetUtcNow();
        var supported = (await app.CreatePersonAsync("Wren")).PersonId!.Value;
        var plainOnly = (await app.CreatePersonAsync("Ash")).PersonId!.Value;
        var alone = (await app.CreatePersonAsync("Rowan")).PersonId!.Value;
        await app.WithDbAsync(async db =>
        {
            var owner = await db.Organisations.SingleAsync(o => o.Id == own);
            (owner.WheelScaleMin, owner.WheelScaleMax) = (0, 7);
            var plainOrg = await db.Organisations.SingleAsync(o => o.Id == plain);
            (plainOrg.WheelScaleMin, plainOrg.WheelScaleMax) = (1, 5);
            db.LifeDomains.AddRange(
                new LifeDomain { Id = Guid.NewGuid(), OrganisationId = own, Key = "own-second", Name = "Second", Order = 2 },
                new LifeDomain { Id = Guid.NewGuid(), OrganisationId = own, Key = "own-first", Name = "First", Order = 1 },
                new LifeDomain { Id = Guid.NewGuid(), OrganisationId = own, Key = "own-off", Name = "Switched off", Order = 0, IsActive = false },
                new LifeDomain { Id = Guid.NewGuid(), OrganisationId = ended, Key = "ended-only", Name = "Of the ended support", Order = 1 });
            db.CareEpisodes.AddRange(
                new CareEpisode { Id = Guid.NewGuid(), PersonId = supported, TeamId = endedTeam, StartedAt = now.AddDays(-300), EndedAt = now.AddDays(-1) },
                new CareEpisode { Id = Guid.NewGuid(), PersonId = supported, TeamId = plainTeam, StartedAt = now.AddDays(-100) },
                new CareEpisode { Id = Guid.NewGuid(), PersonId = supported, TeamId = ownTeam, StartedAt = now.AddDays(-200) },
                new CareEpisode { Id = Guid.NewGuid(), PersonId = plainOnly, TeamId = plainTeam, StartedAt = now.AddDays(-5) });
            await db.SaveChangesAsync();
        });
        var defaults = await app.WithDbAsync(db => db.LifeDomains.Where(d => d.OrganisationId == null && d.IsActive).OrderBy(d => d.Order).Select(d => d.Key).ToListAsync());
        Task<(Person? Person, WheelSettings Settings)> Read(Guid id) =>
            app.WithServicesAsync(s => s.GetRequiredService<CheckInService>().PersonWithSettingsAsync(id));

        var (person, wheel) = await Read(supported);
        Assert.Equal(supported, person?.Id);
        Assert.Equal((own, 0, 7), (wheel.OrganisationId!.Value, wheel.Min, wheel.Max));
        Assert.Equal(["own-first", "own-second"], wheel.Domains.Select(d => d.Key));

        (person, wheel) = await Read(plainOnly);
        Assert.Equal(plainOnly, person?.Id);
        Assert.Equal((plain, 1, 5), (wheel.OrganisationId!.Value, wheel.Min, wheel.Max));
        Assert.Equal(defaults, wheel.Domains.Select(d => d.Key));

        (person, wheel) = await Read(alone);
        Assert.Equal(alone, person?.Id);
        Assert.Equal((null, 1, 10), (wheel.OrganisationId, wheel.Min, wheel.Max));
        Assert.Equal(defaults, wheel.Domains.Select(d => d.Key));

        (person, wheel) = await Read(Guid.NewGuid());
        Assert.Null(person);
        Assert.Equal((null, 1, 10), (wheel.OrganisationId, wheel.Min, wheel.Max));
        Assert.Equal(defaults, wheel.Domains.Select(d => d.Key));
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
