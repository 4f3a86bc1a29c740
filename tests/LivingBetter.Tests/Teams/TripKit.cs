using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Teams;

/// <summary>A team with a lead, a member of staff and two people using the service, all signed in.</summary>
public sealed record TripTeam(
    LivingBetterApp App, Guid OrganisationId, Guid TeamId,
    Actor Lead, HttpClient LeadClient,
    Actor Staff, HttpClient StaffClient,
    Actor Person, HttpClient PersonClient,
    Actor Person2, HttpClient Person2Client)
{
    public string Base => $"/teams/{TeamId}";
}

public static class TripKit
{
    public static async Task<TripTeam> CreateTeamAsync(this LivingBetterApp app)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var lead = await app.CreateStaffAsync(orgId, teamId, Roles.TeamLead);
        var staff = await app.CreateStaffAsync(orgId, teamId);
        var person = await app.CreatePersonAsync("Robin Using");
        var person2 = await app.CreatePersonAsync("Kit Using");
        await app.WithDbAsync(async db =>
        {
            foreach (var p in new[] { person, person2 })
            {
                db.TeamMemberships.Add(new TeamMembership { Id = Guid.NewGuid(), TeamId = teamId, UserId = p.UserId, Role = TeamRole.PersonUsingService, JoinedAt = app.Time.GetUtcNow() });
            }
            await db.SaveChangesAsync();
        });
        return new TripTeam(app, orgId, teamId,
            lead, await app.SignInAsync(lead),
            staff, await app.SignInAsync(staff),
            person, await app.SignInAsync(person),
            person2, await app.SignInAsync(person2));
    }

    public static async Task StartPlanAsync(this TripTeam t, int year = 2026)
    {
        var response = await t.LeadClient.SubmitFormAsync(t.Base, new Dictionary<string, string> { ["Input.CycleYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task OpenRoundAsync(this TripTeam t)
    {
        var response = await t.LeadClient.SubmitFormAsync(t.Base, new Dictionary<string, string>(), "handler=OpenRound");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Rates every statement in the round with <paramref name="score"/> (a function of the statement's position).</summary>
    public static async Task<HttpResponseMessage> RateAllAsync(this HttpClient client, TripTeam t, int round, Func<int, string> score, string? comment = null)
    {
        var url = $"{t.Base}/rounds/{round}/rate";
        var page = await client.GetPageAsync(url);
        var ids = page.QuerySelectorAll("input[name$='.StatementId']").Select(e => e.GetAttribute("value")!).ToList();
        Assert.NotEmpty(ids);
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < ids.Count; i++)
        {
            fields[$"Input.Ratings[{i}].Score"] = score(i);
            if (comment is not null)
            {
                fields[$"Input.Ratings[{i}].Comment"] = comment;
            }
        }
        return await client.SubmitFormAsync(url, fields);
    }

    public static Task<List<Guid>> StatementIdsAsync(this TripTeam t, int round) =>
        t.App.WithDbAsync(db => db.Set<BenchmarkRound>().Where(r => r.TeamPlan!.TeamId == t.TeamId && r.Number == round)
            .SelectMany(r => db.Set<BenchmarkStatement>().Where(s => s.Theme!.FrameworkId == r.FrameworkId))
            .OrderBy(s => s.Theme!.Order).ThenBy(s => s.Order).Select(s => s.Id).ToListAsync());

    public static Dictionary<string, string> ActionFields(TripTeam t, IEnumerable<Guid> leads, string due = "2027-03-31")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Specific"] = "Hold a monthly recovery café run jointly by staff and people using the service",
            ["Input.Measure"] = "Three cafés held, with at least eight people at each",
            ["Input.Achievable"] = "Kit has run a community café before",
            ["Input.Realistic"] = "The room is free on Friday afternoons",
            ["Input.DueDate"] = due,
            ["Input.WorkingGroup"] = "Eastmoor Mind volunteers",
        };
        return fields;
    }

    /// <summary>Form posts with repeated keys (checkboxes): posted as a list of pairs.</summary>
    public static async Task<HttpResponseMessage> PostActionAsync(this HttpClient client, TripTeam t, Dictionary<string, string> fields, IEnumerable<Guid> leads)
    {
        var url = $"{t.Base}/actions/new";
        var page = await client.GetPageAsync(url);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = fields.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToList();
        values.AddRange(leads.Select(id => new KeyValuePair<string, string>("Input.LeadUserIds", id.ToString())));
        values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
