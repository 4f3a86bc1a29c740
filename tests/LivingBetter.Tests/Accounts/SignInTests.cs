using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Accounts;

public sealed class SignInTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task SignIn_RightPassword_ShowsHomeWithName()
    {
        var person = await app.CreatePersonAsync("Jordan");

        var client = await app.SignInAsync(person);

        Assert.Contains("Hello, Jordan", (await client.GetPageAsync("/")).MainText());
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysDetailsAreNotRight()
    {
        var person = await app.CreatePersonAsync();

        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", Credentials(person.Email, "wrong password!"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The email address or password is not right", (await Forms.ParseAsync(response)).FieldError("Input_Email"));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitFormAsync("/account/sign-in", Credentials(person.Email, "wrong password!"));
        }

        var response = await client.SubmitFormAsync("/account/sign-in", Credentials(person.Email, person.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for 15 minutes", (await Forms.ParseAsync(response)).MainText());

        var lockoutEnd = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Id == person.UserId).Select(u => u.LockoutEnd)));
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task SignIn_EmptyForm_NamesBothFields()
    {
        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", Credentials("", ""));

        var page = await Forms.ParseAsync(response);
        Assert.Equal("Enter your email address", page.FieldError("Input_Email"));
        Assert.Equal("Enter your password", page.FieldError("Input_Password"));
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();

        var response = await client.SubmitFormAsync("/account/sign-in?ReturnUrl=%2F%2Fevil.example%2F", Credentials(person.Email, person.Password));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOut_AfterSigningIn_EndsTheSession()
    {
        var client = await app.SignInAsync(await app.CreatePersonAsync());

        var response = await client.SubmitFormAsync("/account/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/account/security");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", after.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignedInPage_Anonymous_RedirectsToSignIn()
    {
        var response = await app.NewClient().GetAsync("/account/security");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Api_Anonymous_Answers401NotARedirect()
    {
        var response = await app.NewClient().GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_Me_SignedIn_ReturnsOwnAccount()
    {
        var person = await app.CreatePersonAsync("Casey");
        var client = await app.SignInAsync(person);

        var me = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Web.Features.Accounts.MeDto>(client, "/api/account/me");

        Assert.Equal("Casey", me!.DisplayName);
        Assert.Equal([Roles.Person], me.Roles);
        Assert.False(me.TwoFactorEnabled);
    }
}

/// <summary>Limits are per IP and per account; this instance uses small limits to reach them quickly.</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task SignIn_TooManyAttemptsForOneAccount_Answers429WithRetryAfter()
    {
        using var app = LivingBetterApp.With(new Dictionary<string, string?>
        {
            ["SignInThrottle:PerAccountPerWindow"] = "3",
            ["SignInThrottle:PerIpPerWindow"] = "1000",
        });
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();
        var form = new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = "not the password" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync("/account/sign-in", form)).StatusCode);
        }

        var limited = await client.SubmitFormAsync("/account/sign-in", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("too many attempts", (await Forms.ParseAsync(limited)).MainText());

        // The limit is per account: another account from the same place still signs in.
        var other = await app.CreatePersonAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().SubmitFormAsync("/account/sign-in",
            new Dictionary<string, string> { ["Input.Email"] = other.Email, ["Input.Password"] = other.Password })).StatusCode);

        // And it lifts once the window has passed.
        app.Time.Advance(new SignInThrottleOptions().Window);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().SubmitFormAsync("/account/sign-in",
            new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password })).StatusCode);
    }

    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_Answers429AcrossAccounts()
    {
        using var app = LivingBetterApp.With(new Dictionary<string, string?>
        {
            ["SignInThrottle:PerAccountPerWindow"] = "1000",
            ["SignInThrottle:PerIpPerWindow"] = "4",
        });
        var client = app.NewClient();
        for (var i = 0; i < 4; i++)
        {
            await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = $"guess{i}@example.com", ["Input.Password"] = "guessing" });
        }

        var limited = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "guess9@example.com", ["Input.Password"] = "guessing" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
