using System.Net;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Support;

/// <summary>Someone who can sign in, with what the tests need to act as them.</summary>
public sealed record Actor(Guid UserId, string Email, string Password, string? AuthenticatorKey, Guid? PersonId = null, Guid? TeamId = null, Guid? OrganisationId = null);

/// <summary>Intent methods over the factory: make people, staff and organisations, and sign in as them through the real pages.</summary>
public static class Actors
{
    private static int _counter;

    private static string NextEmail(string kind) => $"{kind}{Interlocked.Increment(ref _counter)}@test.livingbetter.example";

    public static async Task<Actor> CreatePersonAsync(this LivingBetterApp app, string name = "Test Person")
    {
        var email = NextEmail("person");
        return await app.WithServicesAsync(async sp =>
        {
            var (user, result) = await sp.GetRequiredService<AccountService>().RegisterPersonAsync(name, email, LivingBetterApp.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            var db = sp.GetRequiredService<LivingBetterDbContext>();
            var personId = await db.People.Where(p => p.UserId == user!.Id).Select(p => p.Id).SingleAsync();
            return new Actor(user!.Id, email, LivingBetterApp.Password, null, personId);
        });
    }

    public static async Task<(Guid OrganisationId, Guid TeamId)> CreateOrganisationAsync(this LivingBetterApp app, string? name = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var org = new Organisation { Id = Guid.NewGuid(), Name = name ?? "Test Trust " + Guid.NewGuid().ToString("N")[..6], CreatedAt = app.Time.GetUtcNow() };
            var division = new Division { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = "Adult Mental Health Services" };
            var locality = new Locality { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = "Testville" };
            var team = new Team { Id = Guid.NewGuid(), OrganisationId = org.Id, DivisionId = division.Id, LocalityId = locality.Id, Name = "Test Community Team" };
            db.AddRange(org, division, locality, team);
            await db.SaveChangesAsync();
            return (org.Id, team.Id);
        });
    }

    /// <summary>Creates a member of staff (or team lead, or administrator) with two-factor sign-in already set up.</summary>
    public static async Task<Actor> CreateStaffAsync(this LivingBetterApp app, Guid organisationId, Guid? teamId, string role = Roles.Staff,
        JobRole jobRole = JobRole.CareCoordinator, bool withAuthenticator = true)
    {
        var email = NextEmail(role.ToLowerInvariant());
        var key = withAuthenticator ? Base32.Encode(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).Take(20).ToArray()) : null;
        return await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var db = sp.GetRequiredService<LivingBetterDbContext>();
            var user = new AppUser { UserName = email, Email = email, DisplayName = role + " " + _counter, CreatedAt = app.Time.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, LivingBetterApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, role);
            if (role == Roles.TeamLead)
            {
                await users.AddToRoleAsync(user, Roles.Staff);
            }
            if (key is not null)
            {
                await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
                await users.SetTwoFactorEnabledAsync(user, true);
            }
            db.StaffMemberships.Add(new StaffMembership
            {
                Id = Guid.NewGuid(),
                OrganisationId = organisationId,
                UserId = user.Id,
                JobRole = jobRole,
                IsAdministrator = role == Roles.OrgAdmin,
                JoinedAt = app.Time.GetUtcNow(),
            });
            if (teamId is { } t)
            {
                db.TeamMemberships.Add(new TeamMembership
                {
                    Id = Guid.NewGuid(),
                    TeamId = t,
                    UserId = user.Id,
                    JoinedAt = app.Time.GetUtcNow(),
                    Role = role == Roles.TeamLead ? TeamRole.TeamLead : TeamRole.Staff,
                });
            }
            await db.SaveChangesAsync();
            return new Actor(user.Id, email, LivingBetterApp.Password, key, null, teamId, organisationId);
        });
    }

    /// <summary>Signs in through the sign-in page, and the security-code page when the account has an authenticator.</summary>
    public static async Task<HttpClient> SignInAsync(this LivingBetterApp app, Actor actor)
    {
        var client = app.NewClient();
        await app.SignInAsync(client, actor.Email, actor.Password, actor.AuthenticatorKey);
        return client;
    }

    public static async Task SignInAsync(this LivingBetterApp app, HttpClient client, string email, string password, string? authenticatorKey)
    {
        var response = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location?.OriginalString.StartsWith("/account/two-factor", StringComparison.Ordinal) == true)
        {
            Assert.NotNull(authenticatorKey);
            var code = app.NextAuthenticatorCode(authenticatorKey);
            response = await client.SubmitFormAsync(response.Headers.Location.OriginalString, new Dictionary<string, string> { ["Input.Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    /// <summary>Moves fake time on to a fresh 30-second step (a code works once) and returns that step's code.</summary>
    public static string NextAuthenticatorCode(this LivingBetterApp app, string key)
    {
        app.Time.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        return Totp.Code(Base32.Decode(key), Totp.TimeStep(app.Time.GetUtcNow()));
    }

    public static async Task<HttpClient> SignInAsNewPersonAsync(this LivingBetterApp app, string name = "Test Person") =>
        await app.SignInAsync(await app.CreatePersonAsync(name));
}
