using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LivingBetter.Tests.Fhir;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Accounts;

public static class ApiTokenSteps
{
    /// <summary>Makes a token on the API tokens page, as its holder would, and returns the secret the page shows once.</summary>
    public static async Task<string> MakeApiTokenAsync(this HttpClient client, string name = "My app", string access = "Read", string days = "30",
        string person = "", IEnumerable<string>? parts = null)
    {
        var page = await PostTokenFormAsync(client, name, access, days, person, parts);
        Assert.Empty(page.ErrorSummary());
        return page.QuerySelector("#token-secret")?.TextContent.Trim() ?? throw new InvalidOperationException("No token shown.");
    }

    /// <summary>Every part, as the form starts.</summary>
    public static readonly string[] EveryPart = [.. Enum.GetNames<SharedPart>()];

    /// <summary>
    /// Fills in and sends the page's "Make a token" form; the page that answers, with the token or the mistakes named.
    /// As on the page, the token reaches every record and part unless <paramref name="person"/> or <paramref name="parts"/> say otherwise.
    /// </summary>
    public static async Task<AngleSharp.Dom.IDocument> PostTokenFormAsync(this HttpClient client, string name, string access = "Read", string days = "30",
        string person = "", IEnumerable<string>? parts = null)
    {
        var response = await client.SubmitFormAsync("/account/api-tokens", new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name),
            new("Input.Access", access),
            new("Input.LifetimeDays", days),
            new("Input.Person", person),
        }.Concat((parts ?? EveryPart).Select(p => new KeyValuePair<string, string>("Input.Parts", p))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    /// <summary>A client that sends only the token: no cookies, no session.</summary>
    public static HttpClient BearerClient(this LivingBetterApp app, string secret)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

/// <summary>
/// API tokens (ADR 0013, amended 2026-12-07): made on the account's page, shown once, kept as a fingerprint, used as
/// the account on the APIs only, read-only unless made otherwise, and ended by revoking, expiry or a security change.
/// </summary>
public sealed class ApiTokenTests : IDisposable
{
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>Changes the account as the application's own account code would (a new password, a lockout, a role).</summary>
    private Task ChangeAccountAsync(Actor actor, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change) =>
        app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var result = await change(users, (await users.FindByIdAsync(actor.UserId.ToString()))!);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return result;
        });

    [Fact]
    public async Task Token_MadeOnThePage_ReadsTheRecordAsThePerson_IsShownOnce_AndKeptOnlyAsAFingerprint()
    {
        var person = await app.CreatePersonAsync("Token Holder");
        var other = await app.CreatePersonAsync("Somebody Else");
        var browser = await app.SignInAsync(person);
        Assert.Contains("You have no API tokens.", (await browser.GetPageAsync("/account/api-tokens")).MainText());

        var secret = await browser.MakeApiTokenAsync("Diary app");
        Assert.StartsWith(ApiTokenService.Prefix, secret);

        var api = app.BearerClient(secret);
        var own = await api.GetAsync($"/fhir/Patient/{person.PersonId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Token Holder", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/fhir/Patient/{other.PersonId}")).StatusCode);
        var me = JsonDocument.Parse(await api.GetStringAsync("/api/account/me")).RootElement;
        Assert.Equal(person.UserId, me.GetProperty("id").GetGuid());

        // Both looks are in the access log under the person's account, the refused one as a denial.
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.ActorUserId == person.UserId && e.Action.StartsWith("fhir."))
            .Select(e => new { e.PersonId, e.Outcome }).ToListAsync());
        Assert.Contains(logged, e => e.PersonId == person.PersonId && e.Outcome == AuditOutcome.Allowed);
        Assert.Contains(logged, e => e.PersonId == other.PersonId && e.Outcome == AuditOutcome.Denied);

        // Only the fingerprint is stored; the list shows the last four characters, never the secret again.
        var stored = await app.WithDbAsync(db => db.Set<ApiToken>().SingleAsync());
        Assert.Equal(ApiTokenService.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(stored));
        var list = (await browser.GetPageAsync("/account/api-tokens")).MainText();
        Assert.DoesNotContain(secret, list);
        Assert.Contains("Diary app", list);
        Assert.Contains("…" + secret[^4..], list);
        Assert.Contains("On " + app.Time.GetUtcNow().ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), list);
    }

    [Fact]
    public async Task ReadThroughAToken_ThePersonSeesWhoLookedAndThroughWhichToken_AndTheNameIsChainedLikeTheRest()
    {
        var person = await app.CreatePersonAsync("Robin Hale");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value, "Sam Supporter");
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CheckIns);
        var supporterBrowser = await app.SignInAsync(supporter);
        await supporterBrowser.GetAsync($"/people/{person.PersonId}");
        var secret = await supporterBrowser.MakeApiTokenAsync("Sam's phone widget");
        var read = await app.BearerClient(secret).GetAsync($"/fhir/QuestionnaireResponse?patient={person.PersonId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // The log names the token beside the account; the supporter's page visit names none.
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.ActorUserId == supporter.UserId && e.PersonId == person.PersonId)
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Via }).ToListAsync());
        Assert.Contains(entries, e => e.Action.StartsWith("fhir.", StringComparison.Ordinal) && e.Via == "Sam's phone widget");
        Assert.All(entries.Where(e => !e.Action.StartsWith("fhir.", StringComparison.Ordinal)), e => Assert.Null(e.Via));

        // The person reads it on "Who has looked at your plans" ...
        var owner = await app.SignInAsync(person);
        var log = (await owner.GetPageAsync("/sharing/log")).MainText();
        Assert.Contains("Sam Supporter", log);
        Assert.Contains("Supporter, through their API token “Sam's phone widget”", log);
        Assert.Contains("Looked at, through the FHIR interface", log);
        Assert.DoesNotContain("fhir.", log); // in words, not the log's action codes
        // ... and in their FHIR record, as a second agent of the AuditEvent: the program, named as the token.
        var events = JsonNode.Parse(await owner.GetStringAsync($"/fhir/AuditEvent?patient={person.PersonId}"))!["entry"]!.AsArray()
            .Select(e => e!["resource"]!).ToList();
        var viaToken = Assert.Single(events, e => e["agent"]!.AsArray().Count == 2);
        Assert.Equal("API token \"Sam's phone widget\"", viaToken["agent"]![1]!["who"]!["display"]!.GetValue<string>());
        Assert.Equal("110150", viaToken["agent"]![1]!["type"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.False(viaToken["agent"]![1]!["requestor"]!.GetValue<bool>());

        // The name is part of the entry's hash: the chain holds, and changing the name afterwards breaks it there.
        Assert.Null(await app.WithDbAsync(db => AuditLog.FindFirstBrokenRowAsync(db)));
        var tokenEntry = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Via != null).Select(e => e.Id).FirstAsync());
        await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Id == tokenEntry).ExecuteUpdateAsync(u => u.SetProperty(e => e.Via, "Someone else's app")));
        Assert.Equal(tokenEntry, await app.WithDbAsync(db => AuditLog.FindFirstBrokenRowAsync(db)));
    }

    [Fact]
    public async Task ReadOnlyToken_CannotSend_AndAReadAndSendToken_RecordsACheckIn()
    {
        var person = await app.CreatePersonAsync();
        var browser = await app.SignInAsync(person);
        var body = FhirApiTests.CheckInJson(person.PersonId!.Value, i => 5 + (i % 3));

        var reader = app.BearerClient(await browser.MakeApiTokenAsync("Reader"));
        var refused = await reader.PostAsync("/fhir/QuestionnaireResponse", new StringContent(body, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("OperationOutcome", await refused.Content.ReadAsStringAsync());
        Assert.Contains("may only read", await refused.Content.ReadAsStringAsync());
        var apiRefused = await reader.PostAsync($"/api/people/{person.PersonId}/check-ins", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PersonId == person.PersonId)));

        var writer = app.BearerClient(await browser.MakeApiTokenAsync("Writer", access: "ReadWrite"));
        var created = await writer.PostAsync("/fhir/QuestionnaireResponse", new StringContent(body, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(person.UserId, await app.WithDbAsync(db => db.CheckIns.Where(c => c.PersonId == person.PersonId).Select(c => c.RecordedByUserId).SingleAsync()));
    }

    [Fact]
    public async Task Token_RevokedAtOnce_ExpiredOrWithinAMinuteOfAPasswordChange_IsRefusedWith401()
    {
        var person = await app.CreatePersonAsync();
        var browser = await app.SignInAsync(person);
        var url = $"/fhir/Patient/{person.PersonId}";

        // Revoked, after a confirmation page naming it.
        var first = await browser.MakeApiTokenAsync("To revoke");
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(first).GetAsync(url)).StatusCode);
        var id = await app.WithDbAsync(db => db.Set<ApiToken>().Select(t => t.Id).SingleAsync());
        Assert.Contains("Revoke the token ‘To revoke’?", (await browser.GetPageAsync($"/account/api-tokens/{id}/revoke")).MainText());
        var revoked = await browser.SubmitFormAsync($"/account/api-tokens/{id}/revoke", new Dictionary<string, string>());
        Assert.Equal("/account/api-tokens?done=revoked", revoked.Headers.Location?.OriginalString);
        var refused = await app.BearerClient(first).GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(person.PersonId.ToString()!, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/account/api-tokens/{id}/revoke")).StatusCode);

        // Expired.
        var second = await browser.MakeApiTokenAsync("Short", days: "7");
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(second).GetAsync(url)).StatusCode);
        app.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(second).GetAsync(url)).StatusCode);

        // Ended by a new password (the account's security stamp changes).
        browser = await app.SignInAsync(person);
        var third = await browser.MakeApiTokenAsync("Until my password changes");
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(third).GetAsync(url)).StatusCode);
        await ChangeAccountAsync(person, (users, user) => users.ChangePasswordAsync(user, LivingBetterApp.Password, "another long passphrase"));
        // A token that worked is trusted for the security-stamp interval (a minute), as a session is.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(third).GetAsync(url)).StatusCode);

        browser = app.NewClient();
        await app.SignInAsync(browser, person.Email, "another long passphrase", null);
        var list = (await browser.GetPageAsync("/account/api-tokens")).MainText();
        Assert.Contains("Revoked", list);
        Assert.Contains("Expired", list);
        Assert.Contains("Ended", list);
        Assert.DoesNotContain("Works", list);
    }

    [Fact]
    public async Task TokensThatNoLongerWork_LeaveTheListThirtyDaysAfterRevokeOrExpiry_AndTheirUsesStayInTheLog()
    {
        var person = await app.CreatePersonAsync();
        var browser = await app.SignInAsync(person);
        var revokedSecret = await browser.MakeApiTokenAsync("Old diary app");
        await browser.MakeApiTokenAsync("Week trial", days: "7");
        await browser.MakeApiTokenAsync("Still in use", days: "90");
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(revokedSecret).GetAsync($"/fhir/Patient/{person.PersonId}")).StatusCode);
        var revokedId = await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Name == "Old diary app").Select(t => t.Id).SingleAsync());
        await browser.SubmitFormAsync($"/account/api-tokens/{revokedId}/revoke", new Dictionary<string, string>());

        async Task<string> ListAfterAsync(int days)
        {
            app.Time.Advance(TimeSpan.FromDays(days));
            return (await (await app.SignInAsync(person)).GetPageAsync("/account/api-tokens")).MainText();
        }
        // Day 29: all three listed (the trial expired on day 7), with the rule said on the page.
        var list = await ListAfterAsync(29);
        Assert.Contains("Old diary app", list);
        Assert.Contains("Week trial", list);
        Assert.Contains("stays on this list for 30 days after it was revoked or expired", list);
        // Day 31: the revoked one has gone, from the list and the database; the expired one has a few days yet.
        list = await ListAfterAsync(2);
        Assert.DoesNotContain("Old diary app", list);
        Assert.Contains("Week trial", list);
        Assert.False(await app.WithDbAsync(db => db.Set<ApiToken>().AnyAsync(t => t.Id == revokedId)));
        // Day 38: the expired one has gone too; the working one stays.
        list = await ListAfterAsync(7);
        Assert.DoesNotContain("Week trial", list);
        Assert.Contains("Still in use", list);
        Assert.Equal(["Still in use"], await app.WithDbAsync(db => db.Set<ApiToken>().Select(t => t.Name).ToListAsync()));
        // What the revoked token looked at is still in the person's access log, under its name.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PersonId == person.PersonId && e.Via == "Old diary app")));
    }

    [Fact]
    public async Task Token_OfALockedOutAccount_IsRefusedWithinAMinuteUntilTheLockoutEnds()
    {
        var person = await app.CreatePersonAsync();
        var api = app.BearerClient(await (await app.SignInAsync(person)).MakeApiTokenAsync());
        var url = $"/fhir/Patient/{person.PersonId}";
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);
        await ChangeAccountAsync(person, (users, user) => users.SetLockoutEndDateAsync(user, app.Time.GetUtcNow().AddMinutes(15)));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(url)).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Token_IsNotASignInForPages_NorForMakingTokens()
    {
        var person = await app.CreatePersonAsync();
        var token = app.BearerClient(await (await app.SignInAsync(person)).MakeApiTokenAsync("Scripts", access: "ReadWrite"));

        foreach (var page in new[] { "/plans", "/account/api-tokens", "/account/security" })
        {
            var response = await token.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString);
        }
        var post = await token.PostAsync("/account/api-tokens", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "Another" }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer lbt_")]
    [InlineData("Bearer lbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer not-a-token-at-all")]
    [InlineData("bearer lbt_' OR 1=1 --")]
    [InlineData("LONG")]
    public async Task MalformedOrUnknownToken_Is401_NeverA500(string header)
    {
        var person = await app.CreatePersonAsync();
        var client = app.NewClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header == "LONG" ? "Bearer lbt_" + new string('x', 20_000) : header);
        foreach (var url in new[] { $"/fhir/Patient/{person.PersonId}", "/api/account/me" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        var post = await client.PostAsync("/fhir/QuestionnaireResponse", new StringContent("{}", Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task MakingAToken_WithBadInput_NamesEachField_AndSavesNothing()
    {
        var person = await app.CreatePersonAsync();
        var browser = await app.SignInAsync(person);

        Task<AngleSharp.Dom.IDocument> Post(string name, string access, string days) => browser.PostTokenFormAsync(name, access, days);

        var page = await Post("   ", "Admin", "365");
        Assert.Equal("Enter a name for the token, such as the program that will use it", page.FieldError("Input_Name"));
        Assert.Equal("Choose what the token may do", page.FieldError("Input_Access"));
        Assert.Equal("Choose how long the token lasts: 7, 30 or 90 days", page.FieldError("Input_LifetimeDays"));
        Assert.Equal(3, page.ErrorSummary().Count);
        Assert.Null(page.QuerySelector("#token-secret"));

        page = await Post(new string('n', ApiToken.NameMaxLength + 1), "1", "-30");
        Assert.Equal($"Name must be {ApiToken.NameMaxLength} characters or fewer", page.FieldError("Input_Name"));
        Assert.NotNull(page.FieldError("Input_Access"));
        Assert.NotNull(page.FieldError("Input_LifetimeDays"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));

        await browser.MakeApiTokenAsync("Phone");
        page = await Post("phone", "Read", "30");
        Assert.Contains("You already have a token called ‘phone’", page.FieldError("Input_Name"));
        for (var i = 2; i <= ApiTokenService.MaxActivePerAccount; i++)
        {
            await browser.MakeApiTokenAsync($"App {i}");
        }
        page = await Post("One too many", "Read", "30");
        Assert.Contains($"You have {ApiTokenService.MaxActivePerAccount} tokens that work", page.FieldError("Input_Name"));
        Assert.Equal(ApiTokenService.MaxActivePerAccount, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));
    }

    [Fact]
    public async Task ManyMadeAtOnce_NeverPassTheLimit_AndEachAnswerIsATokenOrTheNamedReason()
    {
        var person = await app.CreatePersonAsync();
        var browser = await app.SignInAsync(person);
        for (var i = 0; i < ApiTokenService.MaxActivePerAccount - 2; i++)
        {
            await browser.MakeApiTokenAsync($"Existing {i}");
        }

        // Six makes at once with room for two (each from its own session, as from six browser tabs).
        var sessions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignInAsync(person)));
        var answers = await Task.WhenAll(sessions.Select(async (client, i) =>
        {
            var page = await client.PostTokenFormAsync($"At once {i}");
            return (Made: page.QuerySelector("#token-secret") is not null, Errors: page.ErrorSummary());
        }));

        Assert.Equal(2, answers.Count(a => a.Made));
        Assert.All(answers.Where(a => !a.Made), a => Assert.Contains(a.Errors, e => e.Contains("the most an account can have", StringComparison.Ordinal)));
        Assert.Equal(ApiTokenService.MaxActivePerAccount, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.UserId == person.UserId)));
    }

    [Fact]
    public async Task Staff_MakeTokensOnlyAfterTheirSecondFactor_AndTheirTokenNeedsNoCodeOnTheApi()
    {
        var (org, team) = await app.CreateOrganisationAsync();
        var withCode = await app.CreateStaffAsync(org, team);
        var secret = await (await app.SignInAsync(withCode)).MakeApiTokenAsync("Record system link");
        var me = await app.BearerClient(secret).GetAsync("/api/account/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // Staff who have not set up two-factor sign-in are told to, and a post makes nothing.
        var withoutCode = await app.CreateStaffAsync(org, team, withAuthenticator: false);
        var browser = await app.SignInAsync(withoutCode);
        var page = await browser.GetPageAsync("/account/api-tokens");
        Assert.Contains("a token can only be made after you have signed in with two-factor sign-in", page.MainText());
        Assert.Null(page.QuerySelector("main form"));
        var post = await browser.PostWithTokenAsync("/account/sign-out", "/account/api-tokens", new Dictionary<string, string>
        {
            ["Input.Name"] = "Sneaky",
            ["Input.Access"] = "ReadWrite",
            ["Input.LifetimeDays"] = "90",
        });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Null((await Forms.ParseAsync(post)).QuerySelector("#token-secret"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));

        // A token made before the account became staff does not skip the second factor either.
        var person = await app.CreatePersonAsync();
        var personToken = await (await app.SignInAsync(person)).MakeApiTokenAsync("Before staff");
        await ChangeAccountAsync(person, (users, user) => users.AddToRoleAsync(user, Roles.Staff));
        var client = app.BearerClient(personToken);
        var api = await client.GetAsync("/api/account/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.Equal("https://livingbetter.invalid/problems/two-factor-required", problem["type"]!.GetValue<string>());
        Assert.Contains("Two-factor sign-in is required", problem["title"]!.GetValue<string>());
        // The FHIR API says the same as an OperationOutcome, which is what a FHIR client reads.
        var fhir = await client.GetAsync($"/fhir/Patient/{person.PersonId}");
        Assert.Equal(HttpStatusCode.Forbidden, fhir.StatusCode);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var outcome = JsonNode.Parse(await fhir.Content.ReadAsStringAsync())!;
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.Equal("forbidden", outcome["issue"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("Two-factor sign-in is required", outcome["issue"]![0]!["diagnostics"]!.GetValue<string>());
        Assert.Null(outcome["issue"]![0]!["expression"]); // about no element, so it names none (never an empty string)
    }
}
