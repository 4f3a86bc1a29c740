using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Accounts;

public sealed class TwoFactorTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    /// <summary>Sets up two-factor sign-in through the pages, reading the key the page shows as a person would.</summary>
    private async Task<string> TurnOnTwoFactorAsync(HttpClient client)
    {
        var setup = await client.GetPageAsync("/account/two-factor/setup");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var response = await client.SubmitFormAsync("/account/two-factor/setup", new Dictionary<string, string> { ["Input.Code"] = app.NextAuthenticatorCode(key) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await Forms.ParseAsync(response);
        Assert.Contains("Two-factor sign-in is on", done.MainText());
        Assert.Equal(10, done.QuerySelectorAll("ul.lb-key li").Length);
        return key;
    }

    [Fact]
    public async Task TwoFactor_PersonTurnsItOn_NextSignInAsksForCode()
    {
        var person = await app.CreatePersonAsync("Noor");
        var client = await app.SignInAsync(person);
        var key = await TurnOnTwoFactorAsync(client);

        var fresh = app.NewClient();
        var response = await fresh.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });

        Assert.StartsWith("/account/two-factor", response.Headers.Location?.OriginalString);
        var sec = await fresh.GetAsync("/account/security");
        Assert.True(sec.StatusCode == HttpStatusCode.Redirect, (await Forms.ParseAsync(sec)).MainText());
        var code = app.NextAuthenticatorCode(key);
        var signedIn = await fresh.SubmitFormAsync(response.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, (await Forms.ParseAsync(signedIn)).MainText());
        Assert.Contains("Hello, Noor", (await fresh.GetPageAsync("/")).MainText());
    }

    [Fact]
    public async Task TwoFactor_SameCodeUsedTwice_SecondUseIsRefused()
    {
        var person = await app.CreatePersonAsync();
        var key = await TurnOnTwoFactorAsync(await app.SignInAsync(person));
        var code = app.NextAuthenticatorCode(key);

        var first = app.NewClient();
        var challenge = await first.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = code })).StatusCode);

        var second = app.NewClient();
        challenge = await second.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        var reused = await second.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("already been used", (await Forms.ParseAsync(reused)).FieldError("Input_Code"));
    }

    [Fact]
    public async Task TwoFactor_WrongOrMalformedCode_SaysWhatIsWrong()
    {
        var person = await app.CreatePersonAsync();
        await TurnOnTwoFactorAsync(await app.SignInAsync(person));
        var client = app.NewClient();
        var challenge = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });

        var malformed = await client.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = "12ab" });
        Assert.Equal("The security code is 6 digits, like 123456", (await Forms.ParseAsync(malformed)).FieldError("Input_Code"));

        var wrong = await client.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Contains("not right", (await Forms.ParseAsync(wrong)).FieldError("Input_Code"));
    }

    [Fact]
    public async Task TwoFactor_RecoveryCode_WorksOnce()
    {
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsync(person);
        var setup = await client.GetPageAsync("/account/two-factor/setup");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var done = await Forms.ParseAsync(await client.SubmitFormAsync("/account/two-factor/setup", new Dictionary<string, string> { ["Input.Code"] = app.NextAuthenticatorCode(key) }));
        var recovery = done.QuerySelector("ul.lb-key li")!.TextContent.Trim();

        async Task<HttpResponseMessage> UseRecovery()
        {
            var c = app.NewClient();
            var challenge = await c.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
            return await c.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Recovery.RecoveryCode"] = recovery }, action: "handler=Recovery");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UseRecovery()).StatusCode);
        var again = await UseRecovery();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already been used", (await Forms.ParseAsync(again)).FieldError("Recovery_RecoveryCode"));
    }

    [Fact]
    public async Task Staff_WithoutTwoFactor_IsSentToSetUpBeforeAnythingElse()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(org, team, Roles.Staff, withAuthenticator: false);
        var client = await app.SignInAsync(staff);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor/setup?required=true", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/account/me")).StatusCode);

        var setup = await client.GetPageAsync("/account/two-factor/setup?required=true");
        Assert.Contains("Needed for your role", setup.MainText());
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await client.SubmitFormAsync("/account/two-factor/setup?required=true", new Dictionary<string, string> { ["Input.Code"] = app.NextAuthenticatorCode(key) });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Staff_WithTwoFactor_CannotTurnItOff()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(org, team, Roles.Staff);
        var client = await app.SignInAsync(staff);

        var page = await client.GetPageAsync("/account/security");
        Assert.Contains("stays on for staff", page.MainText());
        Assert.Null(page.QuerySelector("form[action*='TurnOff']"));

        var forced = await client.PostWithTokenAsync("/account/security", "/account/security?handler=TurnOff", new Dictionary<string, string>());
        Assert.Contains("must stay on", (await Forms.ParseAsync(forced)).MainText());
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.Id == staff.UserId && u.TwoFactorEnabled)));
    }

    [Fact]
    public void Totp_KnownVector_MatchesRfc6238()
    {
        // RFC 6238 appendix B, SHA-1, time 59 s: 94287082 (8 digits) → 287082 as six.
        var key = System.Text.Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("287082", Totp.Code(key, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(59))));
        Assert.Equal("081804", Totp.Code(key, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(1111111109))));
    }

    [Fact]
    public void Base32_RoundTrips()
    {
        var bytes = Enumerable.Range(0, 20).Select(i => (byte)(i * 13)).ToArray();
        Assert.Equal(bytes, Base32.Decode(Base32.Encode(bytes)));
        Assert.Throws<FormatException>(() => Base32.Decode("not base32!"));
    }
}
