using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;

namespace LivingBetter.Tests.Smoke;

/// <summary>The demo organisation seeds on the configured database and every demo account can sign in through the real pages.</summary>
public sealed class DemoSignInTests
{
    [Fact]
    public async Task DemoOrganisation_EveryDemoAccount_SignsInWithPasswordAndCodeWhereNeeded()
    {
        using var app = LivingBetterApp.WithDemoOrganisation();

        foreach (var account in DemoAccounts.All)
        {
            var client = app.NewClient();
            await app.SignInAsync(client, account.Email, DemoAccounts.Password, account.AuthenticatorKey);
            var home = await client.GetPageAsync("/");
            Assert.Contains($"Hello, {account.DisplayName}", home.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        }
    }
}
