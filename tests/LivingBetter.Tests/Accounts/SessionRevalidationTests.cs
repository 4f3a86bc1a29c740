using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Accounts;

/// <summary>
/// A session is checked against the account (its security stamp) once a minute: a changed password, a removed
/// role or a signed-out-everywhere ends every other session within that minute, and an unchanged account stays
/// signed in. Its own app, because these tests move the clock.
/// </summary>
public sealed class SessionRevalidationTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task Session_AfterTheAccountsSecurityStampChanges_EndsOnceTheMinuteHasPassed()
    {
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);

        await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(person.UserId.ToString());
            Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
            return true;
        });

        // Within the minute the cookie is trusted as issued (the check is not repeated on every request) ...
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        // ... and once it has passed, the session is checked against the account and ends.
        app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Session_OfStaffSignedInWithTheirCode_KeepsItsSecondFactorAcrossChecks()
    {
        var (organisationId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(organisationId, teamId);

        // Staff without a second factor are refused by the API (two-factor-required): a rebuilt session must keep it.
        await StaysSignedInAcrossChecksAsync(await app.SignInAsync(staff));
    }

    [Fact]
    public async Task Session_OfAnUnchangedAccount_StaysSignedInAcrossManyChecks()
    {
        var person = await app.CreatePersonAsync();

        await StaysSignedInAcrossChecksAsync(await app.SignInAsync(person));
    }

    /// <summary>Three checks, two minutes apart, each followed by a request the session must still be allowed.</summary>
    private async Task StaysSignedInAcrossChecksAsync(HttpClient client)
    {
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        }
    }
}
