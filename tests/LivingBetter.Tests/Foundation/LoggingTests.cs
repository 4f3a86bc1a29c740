using LivingBetter.Tests.Support;

namespace LivingBetter.Tests.Foundation;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_ThroughRegistrationSignInAndFailedSignIn_NeverContainNamesEmailsOrPasswords()
    {
        // Every level from every category, not only what appsettings.json lets through: someone chasing a fault
        // may turn logging up, and personal data must not appear then either.
        using var app = LivingBetterApp.With(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
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

        // Proof the capture saw the quiet levels: EF Core writes each command it runs at Debug.
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Debug Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Trace ", StringComparison.Ordinal));
        foreach (var secret in new[] { "Zebedee", "Quartermaine", "zebedee.quartermaine", "tangerine" })
        {
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
