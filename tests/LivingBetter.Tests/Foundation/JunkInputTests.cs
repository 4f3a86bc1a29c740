using System.Net;
using LivingBetter.Tests.Support;

namespace LivingBetter.Tests.Foundation;

/// <summary>No input, however odd, makes the server answer 500.</summary>
public sealed class JunkInputTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    public static TheoryData<string> AnonymousForms => new()
    {
        "/account/register", "/account/sign-in", "/account/forgot-password", "/account/reset-password?email=a%40b.c&token=xyz",
    };

    private static readonly string[] Junk =
    [
        "", " ", new string('x', 100_000), "\0\u0001\u0002", "' OR 1=1 --", "<img src=x onerror=alert(1)>", "😀🏳️‍🌈", "%00%ff", "../../etc/passwd",
        "-1", "99999999999999999999999", "null", "{\"a\":1}",
    ];

    [Theory]
    [MemberData(nameof(AnonymousForms))]
    public async Task AnonymousForm_JunkInEveryField_NeverAnswers500(string url)
    {
        var client = app.NewClient();
        var page = await client.GetPageAsync(url);
        var names = page.QuerySelectorAll("main form input, main form textarea, main form select")
            .Select(e => e.GetAttribute("name"))
            .Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken")
            .Distinct()
            .ToList();
        Assert.NotEmpty(names);

        foreach (var junk in Junk)
        {
            var response = await client.SubmitFormAsync(url, names.ToDictionary(n => n!, _ => junk));
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode} to '{junk[..Math.Min(20, junk.Length)]}'");
        }
    }

    [Fact]
    public async Task SignedInForms_JunkInEveryField_NeverAnswers500()
    {
        var client = await app.SignInAsNewPersonAsync();
        foreach (var url in new[] { "/account/two-factor/setup" })
        {
            foreach (var junk in Junk)
            {
                var response = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Code"] = junk });
                Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task TwoFactorPage_WithoutPendingSignIn_GoesBackToSignIn()
    {
        var response = await app.NewClient().GetAsync("/account/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.OriginalString);
    }
}
