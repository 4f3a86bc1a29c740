using System.Net;
using System.Text.RegularExpressions;
using LivingBetter.Tests.Support;

namespace LivingBetter.Tests.Accounts;

public sealed partial class PasswordResetTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [GeneratedRegex(@"https?://\S+/account/reset-password\S+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task ForgotPassword_KnownEmail_SendsLinkThatSetsNewPassword()
    {
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();

        var sent = await client.SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = person.Email });
        Assert.Contains("Check your email", (await Forms.ParseAsync(sent)).MainText());

        var link = new Uri(ResetLink().Match(app.Email.LastTo(person.Email).TextBody).Value);
        var reset = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal("/account/sign-in?reset=true", reset.Headers.Location?.OriginalString);

        var old = await app.NewClient().SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await app.NewClient().SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);

        // The same link cannot be used twice.
        var again = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "yet another passphrase",
            ["Input.ConfirmPassword"] = "yet another passphrase",
        });
        Assert.Contains("expired or has already been used", (await Forms.ParseAsync(again)).MainText());
    }

    [Fact]
    public async Task ForgotPassword_UnknownEmail_LooksTheSameAndSendsNothing()
    {
        var before = app.Email.Sent.Count;

        var response = await app.NewClient().SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });

        Assert.Contains("Check your email", (await Forms.ParseAsync(response)).MainText());
        Assert.Equal(before, app.Email.Sent.Count);
    }

    [Fact]
    public async Task ResetPassword_TamperedToken_ExplainsLinkHasExpired()
    {
        var person = await app.CreatePersonAsync();

        var response = await app.NewClient().SubmitFormAsync($"/account/reset-password?email={Uri.EscapeDataString(person.Email)}&token=bm90LWEtdG9rZW4", new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("expired or has already been used", (await Forms.ParseAsync(response)).MainText());
    }
}
