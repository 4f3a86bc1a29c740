using LivingBetter.Tests.Support;

namespace LivingBetter.Tests.Foundation;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_ThroughRegistrationSignInAndFailedSignIn_NeverContainNamesEmailsOrPasswords()
    {
        using var app = new LivingBetterApp();
        var client = app.NewClient();
        const string name = "Zebedee Quartermaine";
        const string email = "zebedee.quartermaine@example.com";
        const string password = "tangerine submarine lantern";

        await client.SubmitFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        await client.GetAsync("/");
        await app.NewClient().SubmitFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong " + password });
        await app.NewClient().SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.NotEmpty(app.Logs.Lines);
        foreach (var secret in new[] { "Zebedee", "Quartermaine", "zebedee.quartermaine", "tangerine" })
        {
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
