using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Accounts;

public sealed class RegistrationTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private static Dictionary<string, string> Form(string name, string email, string password, string? confirm = null) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task Register_ValidDetails_SignsInAndCreatesPersonRecord()
    {
        var client = app.NewClient();
        var email = $"new{Guid.NewGuid():N}@example.com";

        var response = await client.SubmitFormAsync("/account/register", Form("Robin", email, "correct horse battery"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetPageAsync("/");
        Assert.Contains("Hello, Robin", home.MainText());
        Assert.NotNull(home.QuerySelector("main a[href='/plans']"));
        var person = await app.WithDbAsync(db => db.People.Include(p => p.User).SingleAsync(p => p.User!.Email == email));
        Assert.Equal("Robin", person.PreferredName);
        var roles = await app.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == person.UserId select r.Name).ToListAsync());
        Assert.Equal([Roles.Person], roles);
    }

    [Fact]
    public async Task Register_EmptyForm_NamesEveryMissingField()
    {
        var client = app.NewClient();

        var response = await client.SubmitFormAsync("/account/register", Form("", "", "", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal("Enter what we should call you", page.FieldError("Input_DisplayName"));
        Assert.Equal("Enter your email address", page.FieldError("Input_Email"));
        Assert.Equal("Create a password", page.FieldError("Input_Password"));
        Assert.Contains("Enter your email address", page.ErrorSummary());
    }

    [Theory]
    [InlineData("short", "Password must be between 8 and 128 characters")]
    [InlineData("1234567", "Password must be between 8 and 128 characters")]
    public async Task Register_PasswordTooShort_ExplainsTheRule(string password, string message)
    {
        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Kim", "kim@example.com", password));

        var page = await Forms.ParseAsync(response);
        Assert.Equal(message, page.FieldError("Input_Password"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "kim@example.com")));
    }

    [Fact]
    public async Task Register_PasswordOf128Characters_IsAcceptedWithoutCompositionRules()
    {
        var email = $"long{Guid.NewGuid():N}@example.com";
        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Lee", email, new string('a', 128)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Register_PasswordOver128Characters_IsRefused()
    {
        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Lee", "toolong@example.com", new string('a', 129)));

        var page = await Forms.ParseAsync(response);
        Assert.Equal("Password must be between 8 and 128 characters", page.FieldError("Input_Password"));
    }

    [Fact]
    public async Task Register_PasswordsDoNotMatch_SaysSo()
    {
        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Lee", "mismatch@example.com", "first passphrase", "second passphrase"));

        var page = await Forms.ParseAsync(response);
        Assert.Equal("The passwords do not match", page.FieldError("Input_ConfirmPassword"));
    }

    [Fact]
    public async Task Register_EmailAlreadyUsed_SuggestsSigningIn()
    {
        var existing = await app.CreatePersonAsync();

        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Again", existing.Email, "another passphrase"));

        var page = await Forms.ParseAsync(response);
        Assert.Contains("already exists", page.FieldError("Input_Email"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == existing.Email)));
    }

    [Fact]
    public async Task Register_NameContainsMarkup_IsShownAsText()
    {
        var client = app.NewClient();
        var email = $"xss{Guid.NewGuid():N}@example.com";

        await client.SubmitFormAsync("/account/register", Form("<script>alert(1)</script>", email, "correct horse battery"));
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task Register_BadEmailFormat_NamesTheField()
    {
        var response = await app.NewClient().SubmitFormAsync("/account/register", Form("Ash", "not-an-email", "correct horse battery"));

        var page = await Forms.ParseAsync(response);
        Assert.Equal("Enter an email address in the right format, like name@example.com", page.FieldError("Input_Email"));
    }
}
