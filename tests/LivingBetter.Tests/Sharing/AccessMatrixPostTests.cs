using System.Net;
using System.Security.Cryptography;
using System.Text;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LivingBetter.Tests.Sharing.AccessMatrixTests.Outcome;

namespace LivingBetter.Tests.Sharing;

/// <summary>
/// The same matrix for everything that changes data: every Razor Pages POST handler and every API POST, PUT
/// and DELETE. Each relationship posts with its own valid antiforgery token and an empty form (an empty JSON
/// body for the API). Someone not allowed must get exactly what the GET row says (404, sign in, 401), with no
/// change to any table except the access log, and none of the person's data in the body. Someone allowed must
/// reach the handler: any answer but 404, sign in, 401 or a server error (an empty form normally answers
/// with its validation messages).
/// </summary>
public sealed partial class AccessMatrixTests
{
    /// <summary>The handler was reached (200 with validation messages, a redirect elsewhere, 400, 409).</summary>
    private const Outcome Allowed = Ok;

    /// <param name="Method">POST, PUT or DELETE.</param>
    /// <param name="Handler">The Razor Pages handler name ("" for OnPost); null for API endpoints.</param>
    /// <param name="Expected">Null: the same as the GET row of the route. Overrides say why in a comment.</param>
    /// <param name="Skip">Why this handler is not posted here (and which test covers it).</param>
    /// <param name="Form">Form fields filled from named scenario values (an item the handler acts on).</param>
    /// <param name="Last">Run after every other allowed post: it changes who may do what (ends a membership, turns off two-factor sign-in).</param>
    public sealed record PostRow(string Method, string Route, string? Handler, IReadOnlyDictionary<Rel, Outcome>? Expected = null, string? Skip = null,
        IReadOnlyDictionary<string, string>? Use = null, IReadOnlyDictionary<string, string>? Form = null, bool Last = false)
    {
        public string? CoveredBy { get; init; }

        public string Name => Handler is null ? $"{Method} {Route}" : $"POST {Route}" + (Handler == "" ? "" : "?handler=" + Handler);
    }

    private static PostRow P(string route, string handler) => new("POST", route, handler);

    private static PostRow Api(string method, string route) => new(method, route, null);

    /// <summary>A handler whose expectations differ from its page's GET row.</summary>
    private static PostRow P(string route, string handler, Row expected) => new("POST", route, handler, expected.Expected, Use: expected.Use);

    private static PostRow Api(string method, string route, Row expected) => new(method, route, null, expected.Expected, Use: expected.Use);

    private static PostRow Late(PostRow row) => row with { Last = true };

    /// <summary>
    /// A handler that acts on an item named in the form: with nothing named it answers 404 to everyone (or
    /// sends them to sign in); the feature's own tests post real items.
    /// </summary>
    private static PostRow NamesAnItem(string route, string handler, string coveredBy) =>
        new("POST", route, handler, R(route, NotFound, anonymous: SignIn).Expected, Skip: null, Use: Matrix.FirstOrDefault(m => m.Route == route)?.Use) { CoveredBy = coveredBy };

    private static PostRow NotPosted(string route, string handler, string why) => new("POST", route, handler, Skip: why);

    /// <summary>Every handler that changes data. A handler missing here fails the test.</summary>
    public static IReadOnlyList<PostRow> PostMatrix => LazyPostMatrix.Value;

    // Lazy: static fields of a partial class in another file may not be set yet when this one is.
    private static readonly Lazy<IReadOnlyList<PostRow>> LazyPostMatrix = new(() =>
    [
        P("/organisation-planning/divisions/{divisionId:guid}/actions/add", ""),
        P("/organisation-planning/making-it-real/priorities/add", ""),
        NamesAnItem("/organisation-planning/making-it-real/priorities/add", "Delete", "OrganisationPlanning/MakingItRealTests"),
        P("/organisation-planning/strategy/tasks/add", ""),
        NamesAnItem("/organisation-planning/strategy/tasks/add", "Delete", "OrganisationPlanning/StrategyTests"),
        P("/organisation/{kind:regex(^(divisions|localities)$)}/add", ""),
        P("/organisation/teams/add", ""),
        // An empty form makes no token (it names the missing fields); revoking finds only the person's own token.
        P("/account/api-tokens", ""),
        P("/account/api-tokens/{id:guid}/revoke", ""),
        Late(P("/account/forgot-password", "")),
        Late(P("/account/register", "")),
        Late(P("/account/reset-password", "")),
        Late(P("/account/security", "NewRecoveryCodes")),
        Late(P("/account/security", "TurnOff")),
        Late(P("/account/sign-in", "")),
        // Posting it would sign each relationship's client out for the rest of the test.
        NotPosted("/account/sign-out", "", "Accounts/SignInTests signs out"),
        Late(P("/account/two-factor", "")),
        Late(P("/account/two-factor", "Recovery")),
        Late(P("/account/two-factor/setup", "")),
        Api("POST", "/api/people/{personId:guid}/check-ins/"),
        // Answering a questionnaire is the person's own: an empty body names the missing answers; no measure is switched on here for anyone else.
        Api("POST", "/api/measures/{id:guid}/responses", R("/api/measures/{id:guid}/responses", NotFound, anonymous: Unauthorized)),
        P("/check-ins/how-often", ""),
        P("/check-ins/new", ""),
        // Enrolling needs an account, so anyone not signed in is asked to sign in before the course is looked up.
        P("/college/courses/{id:guid}", "Enrol", R("/college/courses/{id:guid}", NotFound, anonymous: SignIn)),
        P("/college/courses/{id:guid}/cancel", ""),
        P("/college/courses/{id:guid}/feedback", ""),
        P("/college/courses/{id:guid}/register/{sessionId:guid?}", ""),
        P("/college/manage/new", ""),
        P("/college/manage/courses/{id:guid}/withdraw", ""),
        P("/college/manage/courses/{id:guid}/edit", ""),
        P("/college/workforce", ""),
        P("/error", ""),
        P("/invitations/staff/{token}", ""),
        P("/invitations/staff/{token}", "Accept"),
        P("/invitations/supporter/{token}", "Accept"),
        P("/invitations/supporter/{token}", "Create"),
        P("/records/start", ""),
        P("/people/{personId:guid}/record", "Invite"),
        P("/organisation/import-record", ""),
        P("/organisation/imported/{personId:guid}", "Invite"),
        NamesAnItem("/my-record", "Sharing", "Records/RecordImportTests"),
        NamesAnItem("/people/{personId:guid}/record", "Cancel", "Records/StartedRecordTests"),
        P("/claim/{code?}", "Find"),
        // Without a code there is nothing to claim: "this code does not work", for everyone.
        P("/claim/{code?}", "Accept", R("/claim/{code?}", NotFound)),
        P("/claim/{code?}", "Create", R("/claim/{code?}", NotFound)),
        P("/measures/{id:guid}", ""),
        // Only someone with a person record of their own can be counted, or not, in reports.
        P("/my-data", "Reporting", R("/my-data", NotFound, owner: Allowed, anonymous: SignIn)),
        // Importing a FHIR bundle changes only the person's own record.
        P("/my-data", "FhirImport", R("/my-data", NotFound, owner: Allowed, anonymous: SignIn)),
        // Cancelling a bulk export: only the organisation's administrators.
        Late(Api("DELETE", "/fhir/$export-status/{jobId:guid}", R("/fhir/$export-status/{jobId:guid}", NotFound, orgAdmin: Allowed, anonymous: Unauthorized))),
        Api("POST", "/fhir/Patient/{personId:guid}/$import", R("/fhir/Patient/{personId:guid}/$import", NotFound, owner: Allowed, anonymous: Unauthorized)),
        Api("POST", "/fhir/Patient/$import-record", R("/fhir/Patient/$import-record", NotFound, orgAdmin: Allowed, anonymous: Unauthorized)),
        // Every signed-in caller reaches the handler, which refuses any type but QuestionnaireResponse (405) and
        // checks the subject of one through the person's sharing; Fhir tests cover a check-in created this way.
        Api("POST", "/fhir/{type}", R("/fhir/{type}", Allowed, anonymous: Unauthorized, use: new Dictionary<string, string> { ["type"] = "fhirCarePlan" })),
        P("/my-data/close", ""),
        P("/organisation-planning/divisions/{divisionId:guid}/actions/{actionId:guid}", ""),
        P("/organisation-planning/divisions/{divisionId:guid}/actions/{actionId:guid}/delete", ""),
        P("/organisation-planning/divisions/{divisionId:guid}/plan", ""),
        P("/organisation-planning/making-it-real/priorities/{priorityId:guid}", ""),
        P("/organisation-planning/making-it-real/priorities/{priorityId:guid}", "Delete"),
        P("/organisation-planning/making-it-real/ratings/new", ""),
        // Board members read the figures; only administrators plan posts (ADR 0018).
        P("/organisation-planning/peer-workforce", "", Except(Admin("/organisation-planning/peer-workforce"), Rel.BoardMember, NotFound)),
        // Board members read audits; administrators and division leads start them (ADR 0018).
        P("/organisation-planning/quality-audits", "", Planning("/organisation-planning/quality-audits", Allowed, NotFound)),
        P("/organisation-planning/quality-audits/{id:guid}", "Complete"),
        P("/organisation-planning/quality-audits/{id:guid}/delete", ""),
        P("/organisation-planning/quality-audits/{id:guid}/plans/{number:int}", ""),
        P("/organisation-planning/quality-audits/{id:guid}/plans/{number:int}", "Open"),
        P("/organisation-planning/self-assessment", ""),
        P("/organisation-planning/self-assessment/{id:guid}", "Complete"),
        P("/organisation-planning/self-assessment/{id:guid}", "Reopen"),
        P("/organisation-planning/self-assessment/{id:guid}/challenges/{key:int}", ""),
        // The strategy's phase and tasks are the administrators' alone; leads and board members read them (ADR 0018).
        P("/organisation-planning/strategy", "Phase", Admin("/organisation-planning/strategy")),
        P("/organisation-planning/strategy", "Suggested", Admin("/organisation-planning/strategy")),
        P("/organisation-planning/strategy/tasks/{taskId:guid}", ""),
        P("/organisation-planning/strategy/tasks/{taskId:guid}", "Delete"),
        P("/organisation/{kind:regex(^(divisions|localities)$)}/{id:guid}/delete", ""),
        P("/organisation/{kind:regex(^(divisions|localities)$)}/{id:guid}/rename", ""),
        P("/organisation/measures", ""),
        NamesAnItem("/organisation/measures", "Toggle", "Measures/MeasurePagesTests"),
        P("/organisation/settings", ""),
        Late(P("/organisation/staff/{id:guid}/end", "")),
        P("/organisation/staff/{id:guid}/roles", ""),
        P("/organisation/staff/{id:guid}/roles/{roleId:guid}/remove", ""),
        P("/organisation/staff/{id:guid}/teams/{teamId:guid}/remove", ""),
        P("/organisation/staff/invite", ""),
        P("/organisation/teams/{id:guid}/delete", ""),
        P("/organisation/teams/{id:guid}/edit", ""),
        P("/organisation/wheel", "Domains"),
        P("/organisation/wheel", "Scale"),
        P("/people/{personId:guid}/check-ins/joint", ""),
        // Adding a view or a suggestion needs a "suggest" grant: view-only grantees are refused like everyone else.
        P("/people/{personId:guid}/plans/{kind}/{key}", "Note", R("/people/{personId:guid}/plans/{kind}/{key}", NotFound, owner: Allowed, anonymous: SignIn, use: Crisis)),
        P("/people/{personId:guid}/plans/{kind}/{key}", "Suggest", R("/people/{personId:guid}/plans/{kind}/{key}", NotFound, owner: Allowed, anonymous: SignIn, use: Crisis)),
        // Goal suggestions go to the wellbeing plan's goals from someone with a "suggest" grant; posted to the
        // scenario's crisis section nobody reaches one, and the owner never suggests to themselves.
        // Plans/GoalsWithStaffTests covers the allowed case.
        P("/people/{personId:guid}/plans/{kind}/{key}", "Goal", R("/people/{personId:guid}/plans/{kind}/{key}", NotFound, anonymous: SignIn, use: Crisis)),
        P("/plans/{kind}/{key}", ""),
        NamesAnItem("/plans/wellbeing/goals", "Accept", "Plans/GoalsWithStaffTests"),
        NamesAnItem("/plans/wellbeing/goals", "Decline", "Plans/GoalsWithStaffTests"),
        NamesAnItem("/plans/wellbeing/goals/{id}", "Delete", "Plans/GoalsWithStaffTests"),
        NamesAnItem("/plans/{kind}/{key}", "Accept", "Plans/WorkingWithStaffTests"),
        NamesAnItem("/plans/{kind}/{key}", "Decline", "Plans/WorkingWithStaffTests"),
        P("/plans/{kind}/history/{versionId:guid}", "Restore"),
        P("/plans/crisis/offline-settings", ""),
        P("/plans/staying-well/post-crisis/review", ""),
        P("/plans/wellbeing/goals/{id}", ""),
        P("/resources/{id:guid}", "Hide"),
        P("/resources/{id:guid}", "Link"),
        P("/resources/{id:guid}", "Note"),
        P("/resources/{id:guid}", "Show"),
        P("/resources/{id:guid}", "Suggest"),
        NamesAnItem("/resources/mine", "Accept", "Resources/ResourcesInPlanTests"),
        NamesAnItem("/resources/mine", "Decline", "Resources/ResourcesInPlanTests"),
        P("/resources/mine/{linkId:guid}/remove", ""),
        P("/resources/suggest-new", ""),
        P("/resources/manage/new", ""),
        P("/resources/manage/{id:guid}/edit", ""),
        P("/resources/manage/{id:guid}/retire", ""),
        P("/resources/manage/{id:guid}/retire", "Restore"),
        P("/resources/manage/suggestions/{id:guid}", "Approve"),
        P("/resources/manage/suggestions/{id:guid}", "Decline"),
        // The current supporter's grant: only the person can withdraw it; anyone else's attempt changes nothing.
        new("POST", "/sharing", "Stop", Form: new Dictionary<string, string> { ["grantId"] = "grant" }),
        P("/sharing/new", ""),
        P("/sharing/supporters/{id:guid}/remove", ""),
        P("/sharing/supporters/invite", ""),
        // Leads and administrators only: staff members are refused.
        P("/teams/{teamId:guid}", "OpenRound", TeamPage("/teams/{teamId:guid}", NotFound, lead: Allowed, use: [("teamId:guid", "team")])),
        // Leads and administrators only: staff members are refused.
        P("/teams/{teamId:guid}", "Start", TeamPage("/teams/{teamId:guid}", NotFound, lead: Allowed, use: [("teamId:guid", "team")])),
        P("/teams/{teamId:guid}/actions/{actionId:guid}", ""),
        // Leads and administrators only, and only once a plan is started (none is here): Teams/TeamPlanTests covers a started plan.
        P("/teams/{teamId:guid}/actions/new", "", TeamPage("/teams/{teamId:guid}/actions/new", NotFound, use: [("teamId:guid", "team")])),
        // Leads and administrators only, and only once a plan is started (none is here): Teams/TeamPlanTests covers a started plan.
        P("/teams/{teamId:guid}/annual-review", "", TeamPage("/teams/{teamId:guid}/annual-review", NotFound, use: [("teamId:guid", "team")])),
        // Administrators who are not members have no perspective to add an asset from.
        P("/teams/{teamId:guid}/assets", "", Except(TeamPage("/teams/{teamId:guid}/assets", use: [("teamId:guid", "team")]), Rel.OrgAdmin, NotFound)),
        P("/teams/{teamId:guid}/assets/{assetId:guid}/remove", ""),
        // Leads and administrators only: staff members are refused.
        P("/teams/{teamId:guid}/framework", "", TeamPage("/teams/{teamId:guid}/framework", NotFound, lead: Allowed, use: [("teamId:guid", "team")])),
        // Leads and administrators only: staff members are refused.
        P("/teams/{teamId:guid}/members", "", TeamPage("/teams/{teamId:guid}/members", NotFound, lead: Allowed, use: [("teamId:guid", "team")])),
        P("/teams/{teamId:guid}/members/{membershipId:guid}/remove", ""),
        // Leads and administrators only, and only once a plan is started (none is here): Teams/TeamPlanTests covers a started plan.
        P("/teams/{teamId:guid}/priorities", "", TeamPage("/teams/{teamId:guid}/priorities", NotFound, use: [("teamId:guid", "team")])),
        P("/teams/{teamId:guid}/profiles/mine", ""),
        // Leads and administrators only, and only once a plan is started (none is here): Teams/TeamPlanTests covers a started plan.
        P("/teams/{teamId:guid}/reviews/new", "", TeamPage("/teams/{teamId:guid}/reviews/new", NotFound, use: [("teamId:guid", "team")])),
        P("/teams/{teamId:guid}/rounds/{number:int}/agree/{statementId:guid}", ""),
        P("/teams/{teamId:guid}/rounds/{number:int}/rate", ""),
        // Only the person writes their plan; a current "suggest" grant makes a suggestion through the page, never a save.
        Api("PUT", "/api/people/{personId:guid}/plans/{kind}/sections/{key}", R("/api/people/{personId:guid}/plans/{kind}/sections/{key}", NotFound, owner: Allowed, anonymous: Unauthorized, use: Crisis)),
    ]);

    [Fact]
    public async Task EveryPostHandler_ForEveryRelationship_MatchesTheMatrixAndChangesNothingWhenRefused()
    {
        using var app = new LivingBetterApp();
        var scenario = await Scenario.BuildAsync(app);

        var handlers = await EnumeratePostHandlersAsync(app);
        var missing = handlers.Where(h => PostMatrix.All(p => p.Name != h)).ToList();
        Assert.True(missing.Count == 0,
            "These handlers that change data are not in the POST access matrix (tests/LivingBetter.Tests/Sharing/AccessMatrixPostTests.cs):\n  "
            + string.Join("\n  ", missing));
        var stale = PostMatrix.Select(p => p.Name).Where(n => !handlers.Contains(n)).ToList();
        Assert.True(stale.Count == 0, "These POST matrix rows name handlers the application no longer has:\n  " + string.Join("\n  ", stale));

        var tokens = new Dictionary<Rel, string>();
        foreach (var (rel, client) in scenario.Clients)
        {
            tokens[rel] = await AntiforgeryTokenAsync(client, rel == Rel.Anonymous ? "/account/sign-in" : "/");
        }

        var mismatches = new List<string>();
        var allowedLater = new List<(PostRow Row, Rel Rel)>();
        var fingerprint = await FingerprintAsync(app);
        // First every refusal, on untouched data; then the allowed posts, the person's own last, so that
        // what one allowed post changes cannot turn a later refusal into a pass.
        foreach (var row in PostMatrix.Where(p => p.Skip is null))
        {
            var expected = ExpectedFor(row);
            foreach (var (rel, outcome) in expected)
            {
                if (outcome == Allowed)
                {
                    allowedLater.Add((row, rel));
                    continue;
                }
                var (actual, response, body) = await SendAsync(scenario, tokens, row, rel);
                if (actual != outcome)
                {
                    mismatches.Add($"{row.Name} as {rel}: expected {outcome}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
                // The owner's own name is in their page header; nothing else of theirs may be in a refusal.
                if (body.Contains(Marker, StringComparison.Ordinal) || (rel != Rel.Owner && body.Contains("Quillfeather", StringComparison.Ordinal)))
                {
                    mismatches.Add($"{row.Name} as {rel}: the refused answer contains the person's data");
                }
                var after = await FingerprintAsync(app);
                if (after != fingerprint)
                {
                    mismatches.Add($"{row.Name} as {rel}: refused, but the data changed");
                    fingerprint = after;
                }
            }
        }
        foreach (var (row, rel) in allowedLater.OrderBy(a => a.Row.Last).ThenBy(a => a.Rel == Rel.Owner).ThenBy(a => a.Rel == Rel.OrgAdmin))
        {
            var (actual, response, _) = await SendAsync(scenario, tokens, row, rel);
            if (actual != Allowed)
            {
                mismatches.Add($"{row.Name} as {rel}: expected the handler to be reached, got {actual?.ToString() ?? "?"} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} POST access matrix mismatches:\n  " + string.Join("\n  ", mismatches));
    }

    private static IReadOnlyDictionary<Rel, Outcome> ExpectedFor(PostRow row)
    {
        if (row.Expected is { } e)
        {
            return e;
        }
        var get = Matrix.FirstOrDefault(m => m.Route == row.Route)
            ?? throw new InvalidOperationException($"{row.Name} has no GET row to follow: give it its own expectations.");
        return get.Expected.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            Home or Security => Allowed,
            var other => other,
        });
    }

    private static async Task<(Outcome? Outcome, HttpResponseMessage Response, string Body)> SendAsync(Scenario scenario, Dictionary<Rel, string> tokens, PostRow row, Rel rel)
    {
        var url = scenario.Fill(row.Route, row.Use ?? Matrix.FirstOrDefault(m => m.Route == row.Route)?.Use);
        // An optional route value left empty by the scenario.
        url = url.Replace("/{sessionId:guid?}", "", StringComparison.Ordinal);
        var client = scenario.Clients[rel];
        HttpResponseMessage response;
        if (row.Handler is null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            response = await client.SendAsync(request);
        }
        else
        {
            if (row.Handler != "")
            {
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + row.Handler;
            }
            var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", tokens[rel]) };
            form.AddRange((row.Form ?? new Dictionary<string, string>()).Select(f => new KeyValuePair<string, string>(f.Key, scenario.Values[f.Value])));
            response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        }
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location?.OriginalString ?? "";
        Outcome? outcome = response.StatusCode switch
        {
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Unauthorized => Unauthorized,
            HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.Ordinal) => SignIn,
            >= HttpStatusCode.InternalServerError => null,
            _ => Allowed,
        };
        return (outcome, response, body);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}.");
    }

    /// <summary>"POST /route?handler=Name" for each Razor Pages POST handler, and "METHOD /route" for API changes.</summary>
    private static async Task<List<string>> EnumeratePostHandlersAsync(LivingBetterApp app)
    {
        var names = new List<string>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        foreach (var page in app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var route = "/" + (page.AttributeRouteInfo?.Template ?? "").TrimStart('/');
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                names.Add($"POST {route}" + (string.IsNullOrEmpty(handler.Name) ? "" : "?handler=" + handler.Name));
            }
        }
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (method is "POST" or "PUT" or "DELETE" or "PATCH")
                {
                    names.Add($"{method} /" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'));
                }
            }
        }
        return [.. names.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A hash of every row of every table except the access log and the wrong-claim-code count (both record
    /// refusals: a refused claim is a wrong code, ADR 0024) and the key rings.
    /// </summary>
    private static Task<string> FingerprintAsync(LivingBetterApp app) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        var all = new StringBuilder();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null).Distinct().Order(StringComparer.Ordinal))
        {
            if (table is "AuditEntries" or "DataProtectionKeys" or "ClaimLockouts" or "ClaimLockoutKeys")
            {
                continue;
            }
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join("\u001f", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }
            rows.Sort(StringComparer.Ordinal);
            all.Append(table).Append('\n').AppendJoin('\n', rows).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    });
}
