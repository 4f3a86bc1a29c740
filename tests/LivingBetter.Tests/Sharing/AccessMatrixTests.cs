using System.Net;
using System.Text;
using LivingBetter.Tests.Accounts;
using LivingBetter.Tests.Fhir;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LivingBetter.Tests.Sharing.AccessMatrixTests.Outcome;

namespace LivingBetter.Tests.Sharing;

/// <summary>
/// Every page and endpoint of the application against every relationship to one person. A route that is
/// not in <see cref="Matrix"/> fails the test: add one line for it saying what each relationship must get.
/// </summary>
public sealed partial class AccessMatrixTests
{
    public enum Outcome
    {
        Ok,
        NotFound,
        /// <summary>302 to the sign-in page.</summary>
        SignIn,
        /// <summary>302 to the home page (pages that make no sense once signed in).</summary>
        Home,
        /// <summary>302 to account and security (staff who already have two-factor sign-in).</summary>
        Security,
        /// <summary>401 from the JSON API.</summary>
        Unauthorized,
        /// <summary>Not requested with GET here; the row says which test covers it.</summary>
        NotGet,
        /// <summary>202: work started in the background (a FHIR bulk export kick-off).</summary>
        Accepted,
    }

    public enum Rel
    {
        Owner,
        SupporterCurrent,
        SupporterWithdrawn,
        SupporterExpired,
        SupporterNever,
        TeamStaffShared,
        TeamStaffNotShared,
        OtherStaff,
        TeamLead,
        OrgAdmin,
        /// <summary>Staff in no team, lead of the organisation's division (ADR 0018).</summary>
        DivisionLead,
        /// <summary>Staff in no team, board member of the organisation (ADR 0018).</summary>
        BoardMember,
        Anonymous,
    }

    private static readonly Rel[] Supporters = [Rel.SupporterCurrent, Rel.SupporterWithdrawn, Rel.SupporterExpired, Rel.SupporterNever];
    private static readonly Rel[] StaffRels = [Rel.TeamStaffShared, Rel.TeamStaffNotShared, Rel.OtherStaff, Rel.TeamLead, Rel.OrgAdmin, Rel.DivisionLead, Rel.BoardMember];

    /// <param name="Use">Route parameters filled from a named scenario value instead of the default for that name.</param>
    public sealed record Row(string Route, IReadOnlyDictionary<Rel, Outcome> Expected, IReadOnlyDictionary<string, string>? Use = null);

    /// <summary>
    /// One line per route. <c>all</c> is the default; <c>supporters</c> and <c>staff</c> set a group; named
    /// relationships override both.
    /// </summary>
    private static Row R(string route, Outcome all, Outcome? owner = null, Outcome? supporters = null, Outcome? staff = null,
        Outcome? anonymous = null, Outcome? supporterCurrent = null, Outcome? teamStaffShared = null, Outcome? orgAdmin = null,
        IReadOnlyDictionary<string, string>? use = null)
    {
        var expected = Enum.GetValues<Rel>().ToDictionary(r => r, _ => all);
        foreach (var r in Supporters)
        {
            expected[r] = supporters ?? all;
        }
        foreach (var r in StaffRels)
        {
            expected[r] = staff ?? all;
        }
        if (owner is { } o) expected[Rel.Owner] = o;
        if (anonymous is { } a) expected[Rel.Anonymous] = a;
        if (supporterCurrent is { } sc) expected[Rel.SupporterCurrent] = sc;
        if (teamStaffShared is { } ts) expected[Rel.TeamStaffShared] = ts;
        if (orgAdmin is { } oa) expected[Rel.OrgAdmin] = oa;
        return new Row(route, expected, use);
    }

    private static readonly Dictionary<string, string> StayingWell = new() { ["kind"] = "stayingWell" };
    private static readonly Dictionary<string, string> Crisis = new() { ["kind"] = "stayingWell", ["key"] = "crisis" };
    private static readonly Dictionary<string, string> Version = new() { ["kind"] = "stayingWell", ["versionId:guid"] = "version" };

    private static Row Except(Row row, Rel rel, Outcome outcome) =>
        row with { Expected = new Dictionary<Rel, Outcome>(row.Expected) { [rel] = outcome } };

    /// <summary>
    /// A team plan page: the team's members (staff, lead) and its organisation's administrators get
    /// <paramref name="members"/>; everyone else 404, or sign-in when anonymous.
    /// </summary>
    private static Row TeamPage(string route, Outcome members = Ok, Outcome? lead = null, params (string Param, string Key)[] use)
    {
        var row = R(route, NotFound, anonymous: SignIn, use: use.ToDictionary(u => u.Param, u => u.Key));
        var expected = new Dictionary<Rel, Outcome>(row.Expected)
        {
            [Rel.TeamStaffShared] = members,
            [Rel.TeamStaffNotShared] = members,
            [Rel.TeamLead] = lead ?? members,
            [Rel.OrgAdmin] = lead ?? members,
        };
        return row with { Expected = expected };
    }

    /// <summary>A page of the organisation's administrators: 404 to everyone else, sign-in when anonymous.</summary>
    private static Row Admin(string route, params (string Param, string Key)[] use) =>
        R(route, NotFound, orgAdmin: Ok, anonymous: SignIn, use: use.Length == 0 ? null : use.ToDictionary(u => u.Param, u => u.Key));

    /// <summary>
    /// An organisation planning page: its administrators get 200, the division lead and board member
    /// what the page's roles say (ADR 0018), everyone else 404, sign-in when anonymous.
    /// </summary>
    private static Row Planning(string route, Outcome lead, Outcome board, params (string Param, string Key)[] use) =>
        Except(Except(Admin(route, use), Rel.DivisionLead, lead), Rel.BoardMember, board);

    /// <summary>The access matrix. A person's data: only the owner and current grantees get 200.</summary>
    public static readonly IReadOnlyList<Row> Matrix =
    [
        // Public and account pages.
        R("/", Ok),
        R("/error", NotFound),
        R("/help/accessibility", Ok),
        R("/help/privacy", Ok),
        R("/help/urgent", Ok),
        R("/health/live", Ok),
        R("/health/ready", Ok),
        R("/openapi/{documentName}.json", Ok),
        R("/account/register", Home, anonymous: Ok),
        R("/account/sign-in", Home, anonymous: Ok),
        R("/account/sign-out", Ok, anonymous: SignIn),
        R("/account/forgot-password", Ok),
        R("/account/reset-password", Ok),
        R("/account/security", Ok, anonymous: SignIn),
        R("/account/api-tokens", Ok, anonymous: SignIn),
        R("/account/api-tokens/{id:guid}/revoke", NotFound, owner: Ok, anonymous: SignIn, use: new Dictionary<string, string> { ["id:guid"] = "apiToken" }),
        // Only meaningful half-way through signing in; otherwise back to the sign-in page.
        R("/account/two-factor", SignIn),
        R("/account/two-factor/setup", Ok, staff: Security, anonymous: SignIn),
        R("/api/account/me", Ok, anonymous: Unauthorized),

        // Sharing: the person's own pages answer 404 to anyone without a person record of their own.
        R("/sharing", NotFound, owner: Ok, anonymous: SignIn),
        R("/sharing/new", NotFound, owner: Ok, anonymous: SignIn),
        R("/sharing/log", NotFound, owner: Ok, anonymous: SignIn),
        R("/sharing/supporters/invite", NotFound, owner: Ok, anonymous: SignIn),
        R("/sharing/supporters/{id:guid}/remove", NotFound, owner: Ok, anonymous: SignIn),
        R("/api/sharing/grants", NotFound, owner: Ok, anonymous: Unauthorized),
        // Whoever holds the link may open it; accepting is covered by SharingBadInputTests.
        R("/invitations/supporter/{token}", Ok),
        R("/supporting", Ok, anonymous: SignIn),
        R("/people", NotFound, staff: Ok, anonymous: SignIn),
        R("/people/{personId:guid}", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: SignIn),
        R("/api/people/{personId:guid}/shared-with-me", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized),
        R("/my-data", Ok, anonymous: SignIn),
        R("/my-data/close", Ok, anonymous: SignIn),
        R("/my-data/closed", Ok),

        // The organisation's administration: only its administrators.
        Admin("/organisation"),
        Admin("/organisation/settings"),
        Admin("/organisation/staff"),
        Admin("/organisation/import-record"),
        // Only a record imported by the caller's organisation and not yet claimed; the scenario's person has claimed theirs (RecordImportTests).
        R("/organisation/imported/{personId:guid}", NotFound, anonymous: SignIn),
        Admin("/organisation/staff/invite"),
        Admin("/organisation/staff/{id:guid}", ("id:guid", "membership")),
        Admin("/organisation/staff/{id:guid}/end", ("id:guid", "membership")),
        Admin("/organisation/staff/{id:guid}/roles", ("id:guid", "membership")),
        Admin("/organisation/staff/{id:guid}/roles/{roleId:guid}/remove", ("id:guid", "leadMembership"), ("roleId:guid", "leadRole")),
        Admin("/organisation/staff/{id:guid}/teams/{teamId:guid}/remove", ("id:guid", "membership"), ("teamId:guid", "team")),
        Admin("/organisation/teams"),
        Admin("/organisation/teams/add"),
        Admin("/organisation/teams/{id:guid}/delete", ("id:guid", "team")),
        Admin("/organisation/teams/{id:guid}/edit", ("id:guid", "team")),
        Admin("/organisation/{kind:regex(^(divisions|localities)$)}", ("kind:regex(^(divisions|localities)$)", "kind")),
        Admin("/organisation/{kind:regex(^(divisions|localities)$)}/add", ("kind:regex(^(divisions|localities)$)", "kind")),
        Admin("/organisation/{kind:regex(^(divisions|localities)$)}/{id:guid}/delete", ("kind:regex(^(divisions|localities)$)", "kind"), ("id:guid", "division")),
        Admin("/organisation/{kind:regex(^(divisions|localities)$)}/{id:guid}/rename", ("kind:regex(^(divisions|localities)$)", "kind"), ("id:guid", "division")),
        // Wellbeing-wheel check-ins and measures: the person's own pages; shared read-only views; staff tools.
        R("/check-ins", NotFound, owner: Ok, anonymous: SignIn),
        R("/check-ins/new", NotFound, owner: Ok, anonymous: SignIn),
        R("/check-ins/how-often", NotFound, owner: Ok, anonymous: SignIn),
        R("/check-ins/progress", NotFound, owner: Ok, anonymous: SignIn),
        R("/check-ins/overdue", NotFound, staff: Ok, anonymous: SignIn),
        R("/people/{personId:guid}/check-ins", NotFound, owner: Ok, anonymous: SignIn),
        R("/people/{personId:guid}/check-ins/progress", NotFound, owner: Ok, anonymous: SignIn),
        R("/people/{personId:guid}/check-ins/joint", NotFound, anonymous: SignIn),
        R("/api/people/{personId:guid}/check-ins/", NotFound, owner: Ok, anonymous: Unauthorized),
        R("/measures", NotFound, owner: Ok, anonymous: SignIn),
        R("/measures/{id:guid}", NotFound, anonymous: SignIn),
        // Measures switched on for my organisations: an empty list for anyone signed in with none.
        R("/api/measures", Ok, anonymous: Unauthorized),
        // Answering is POST only, by the person: Measures/MeasureResultsTests covers who may.
        R("/api/measures/{id:guid}/responses", NotGet),
        R("/api/people/{personId:guid}/measures", NotFound, owner: Ok, anonymous: Unauthorized),
        Admin("/organisation/wheel"),
        Admin("/organisation/measures"),
        // The person's own plans: only the owner; shared read-only views for current grantees.
        R("/plans", NotFound, owner: Ok, anonymous: SignIn),
        R("/plans/{kind}", NotFound, owner: Ok, anonymous: SignIn, use: StayingWell),
        R("/plans/{kind}/{key}", NotFound, owner: Ok, anonymous: SignIn, use: Crisis),
        R("/plans/{kind}/history", NotFound, owner: Ok, anonymous: SignIn, use: StayingWell),
        R("/plans/{kind}/history/{versionId:guid}", NotFound, owner: Ok, anonymous: SignIn, use: Version),
        R("/plans/{kind}/print", NotFound, owner: Ok, anonymous: SignIn, use: StayingWell),
        R("/plans/{kind}/pdf", NotFound, owner: Ok, anonymous: SignIn, use: StayingWell),
        R("/plans/crisis-card.pdf", NotFound, owner: Ok, anonymous: SignIn),
        // Nobody has opted in to the offline copy here, so even the owner gets 404 (the service worker then deletes its copy).
        R("/plans/crisis/offline", NotFound, anonymous: SignIn),
        R("/plans/crisis/offline-settings", NotFound, owner: Ok, anonymous: SignIn),
        R("/plans/staying-well/post-crisis/review", NotFound, owner: Ok, anonymous: SignIn),
        R("/plans/wellbeing/goals", NotFound, owner: Ok, anonymous: SignIn),
        R("/plans/wellbeing/goals/{id}", NotFound, owner: Ok, anonymous: SignIn, use: new Dictionary<string, string> { ["id"] = "new-goal" }),
        R("/people/{personId:guid}/plans", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: SignIn),
        R("/people/{personId:guid}/plans/{kind}/{key}", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: SignIn, use: Crisis),
        R("/api/people/{personId:guid}/plans/{kind}", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized, use: StayingWell),
        // Saving is PUT only, owner only: Plans/WorkingWithStaffTests prove nobody else can.
        R("/api/people/{personId:guid}/plans/{kind}/sections/{key}", NotGet),
        // Team Recovery Implementation Plans: members of the team and its organisation's administrators only.
        R("/teams", Ok, anonymous: SignIn),
        TeamPage("/teams/{teamId:guid}", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/actions/new", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/actions/{actionId:guid}", NotFound, use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/annual-review", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/assets", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/assets/{assetId:guid}/remove", NotFound, use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/framework", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/members", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/members/{membershipId:guid}/remove", NotFound, use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/plan.pdf", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/print", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/priorities", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/profiles", use: [("teamId:guid", "team")]),
        // Administrators who are not members have no profile of their own to edit.
        Except(TeamPage("/teams/{teamId:guid}/profiles/mine", use: [("teamId:guid", "team")]), Rel.OrgAdmin, NotFound),
        TeamPage("/teams/{teamId:guid}/reviews/new", use: [("teamId:guid", "team")]),
        TeamPage("/teams/{teamId:guid}/rounds/{number:int}", NotFound, use: [("teamId:guid", "team"), ("number:int", "round")]),
        TeamPage("/teams/{teamId:guid}/rounds/{number:int}/agree/{statementId:guid}", NotFound, use: [("teamId:guid", "team"), ("number:int", "round")]),
        TeamPage("/teams/{teamId:guid}/rounds/{number:int}/rate", NotFound, use: [("teamId:guid", "team"), ("number:int", "round")]),
        // Recovery College: the prospectus is open to all; managing it is for the organisation's administrators.
        // Unknown course ids are 404 for everyone (College/CollegeAccessTests covers real courses, trainers and admins).
        R("/college", Ok),
        R("/api/college/courses", Ok),
        R("/college/courses/{id:guid}", NotFound),
        R("/college/courses/{id:guid}/cancel", NotFound, anonymous: SignIn),
        R("/college/courses/{id:guid}/certificate", NotFound, anonymous: SignIn),
        R("/college/courses/{id:guid}/feedback", NotFound, anonymous: SignIn),
        R("/college/courses/{id:guid}/register/{sessionId:guid?}", NotFound, anonymous: SignIn),
        R("/college/my-courses", Ok, anonymous: SignIn),
        Admin("/college/manage"),
        Admin("/college/manage/new"),
        R("/college/manage/courses/{id:guid}", NotFound, anonymous: SignIn),
        // Withdrawing: only the course's organisation's administrators (College/WithdrawTests covers them).
        R("/college/manage/courses/{id:guid}/withdraw", NotFound, anonymous: SignIn),
        // Editing: only the course's organisation's administrators (College/EditCourseTests covers them).
        R("/college/manage/courses/{id:guid}/edit", NotFound, anonymous: SignIn),
        Admin("/college/workforce"),
        // Community resources: a shared directory; "mine" is the person's own links.
        R("/resources", Ok, anonymous: SignIn),
        R("/resources/{id:guid}", NotFound, anonymous: SignIn),
        R("/resources/mine", Ok, anonymous: SignIn),
        R("/resources/mine/{linkId:guid}/remove", NotFound, anonymous: SignIn),
        // Any member of staff may propose a new entry to their organisation's queue.
        R("/resources/suggest-new", NotFound, staff: Ok, anonymous: SignIn),
        // Looking after the directory: the organisation's administrators only (College/AccessMatrixTests posts real items).
        Admin("/resources/manage"),
        Admin("/resources/manage/new"),
        Admin("/resources/manage/suggestions"),
        R("/resources/manage/{id:guid}/edit", NotFound, anonymous: SignIn),
        R("/resources/manage/{id:guid}/retire", NotFound, anonymous: SignIn),
        R("/resources/manage/suggestions/{id:guid}", NotFound, anonymous: SignIn),
        // Organisation planning: administrators of the organisation, and its division leads and board members as
        // ADR 0018 says (unknown ids are 404 even to them; OrganisationPlanning/AccessTests and OrganisationRolesTests
        // cover their own and other organisations' and divisions' items). The progress page without a division is the
        // whole organisation's, which a division lead does not see.
        Planning("/organisation-planning", Ok, Ok),
        Planning("/organisation-planning/board", Ok, Ok),
        Planning("/organisation-planning/divisions", Ok, Ok),
        Planning("/organisation-planning/divisions/{divisionId:guid}", Ok, Ok, ("divisionId:guid", "division")),
        Planning("/organisation-planning/divisions/{divisionId:guid}/plan", Ok, NotFound, ("divisionId:guid", "division")),
        Planning("/organisation-planning/divisions/{divisionId:guid}/actions/add", Ok, NotFound, ("divisionId:guid", "division")),
        R("/organisation-planning/divisions/{divisionId:guid}/actions/{actionId:guid}", NotFound, anonymous: SignIn, use: new Dictionary<string, string> { ["divisionId:guid"] = "division" }),
        R("/organisation-planning/divisions/{divisionId:guid}/actions/{actionId:guid}/delete", NotFound, anonymous: SignIn, use: new Dictionary<string, string> { ["divisionId:guid"] = "division" }),
        Planning("/organisation-planning/making-it-real", Ok, Ok),
        Planning("/organisation-planning/making-it-real/priorities/add", NotFound, NotFound),
        R("/organisation-planning/making-it-real/priorities/{priorityId:guid}", NotFound, anonymous: SignIn),
        Planning("/organisation-planning/making-it-real/ratings/new", NotFound, NotFound),
        R("/organisation-planning/making-it-real/ratings/{id:guid}", NotFound, anonymous: SignIn),
        Planning("/organisation-planning/outcomes", Ok, Ok),
        Planning("/organisation-planning/peer-workforce", NotFound, Ok),
        Planning("/organisation-planning/quality-audits", Ok, Ok),
        R("/organisation-planning/quality-audits/{id:guid}", NotFound, anonymous: SignIn),
        R("/organisation-planning/quality-audits/{id:guid}/delete", NotFound, anonymous: SignIn),
        R("/organisation-planning/quality-audits/{id:guid}/plans/{number:int}", NotFound, anonymous: SignIn, use: new Dictionary<string, string> { ["number:int"] = "round" }),
        Planning("/organisation-planning/self-assessment", Ok, Ok),
        Planning("/organisation-planning/self-assessment/progress", NotFound, Ok),
        R("/organisation-planning/self-assessment/{id:guid}", NotFound, anonymous: SignIn),
        R("/organisation-planning/self-assessment/{id:guid}/challenges/{key:int}", NotFound, anonymous: SignIn, use: new Dictionary<string, string> { ["key:int"] = "round" }),
        Planning("/organisation-planning/strategy", Ok, Ok),
        Planning("/organisation-planning/strategy/tasks/add", NotFound, NotFound),
        R("/organisation-planning/strategy/tasks/{taskId:guid}", NotFound, anonymous: SignIn),
        // FHIR R4: the capability statement is public; a person's resources follow the same sharing as pages.
        // Search without patient= answers from the caller's own record only (an empty bundle when they have none).
        // Creating a check-in and importing a bundle are covered by Fhir/FhirApiTests (owner only).
        R("/fhir/metadata", Ok),
        R("/fhir/Patient/{personId:guid}/$everything", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized),
        R("/fhir/Patient/{personId:guid}/$import", NotGet),
        // Bulk export: only the organisation's current administrators start one (202) or read its status and files.
        R("/fhir/$export", NotFound, orgAdmin: Accepted, anonymous: Unauthorized),
        R("/fhir/Group/{organisationId:guid}/$export", NotFound, orgAdmin: Accepted, anonymous: Unauthorized),
        R("/fhir/$export-status/{jobId:guid}", NotFound, orgAdmin: Ok, anonymous: Unauthorized),
        R("/fhir/$export-files/{fileId:guid}", NotFound, orgAdmin: Ok, anonymous: Unauthorized),
        R("/fhir/{type}", Ok, anonymous: Unauthorized, use: new Dictionary<string, string> { ["type"] = "fhirCarePlan" }),
        R("/fhir/{type}/{id}", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized,
            use: new Dictionary<string, string> { ["type"] = "fhirPatient", ["id"] = "personId:guid" }),
        // A completed outcome measure goes with the check-ins part, which nobody here has been given.
        R("/fhir/{type}/{id}", NotFound, owner: Ok, anonymous: Unauthorized,
            use: new Dictionary<string, string> { ["type"] = "fhirQuestionnaireResponse", ["id"] = "measureResponse" }),
        // Plan history (ADR 0023): whoever may read the plan sees the saves of the sections shared with them (here the crisis plan).
        R("/fhir/{type}/{id}/_history", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized,
            use: new Dictionary<string, string> { ["type"] = "fhirCarePlan", ["id"] = "carePlanId" }),
        R("/fhir/{type}/{id}/_history/{vid}", NotFound, owner: Ok, supporterCurrent: Ok, teamStaffShared: Ok, anonymous: Unauthorized,
            use: new Dictionary<string, string> { ["type"] = "fhirCarePlan", ["id"] = "carePlanId", ["vid"] = "firstVersion" }),
        R("/fhir/Patient/$import-record", NotGet),
        // An unknown or someone else's invitation token only ever shows "this link does not work".
        R("/invitations/staff/{token}", Ok),

        // Records staff start with someone who has no account. Starting one: staff working in a team.
        // Starting a record needs a team to support the person: staff in no team (here the administrator, the
        // division lead and the board member) get 404.
        Except(Except(R("/records/start", NotFound, staff: Ok, orgAdmin: NotFound, anonymous: SignIn), Rel.DivisionLead, NotFound), Rel.BoardMember, NotFound),
        // Staff's page for an unclaimed record: this person has claimed theirs, so it is nobody's to manage
        // (Records/StartedRecordTests covers the supporting team and other teams on an unclaimed record).
        R("/people/{personId:guid}/record", NotFound, anonymous: SignIn),
        // Entering a claim code is open to anyone; a code itself is covered by Records/StartedRecordTests.
        R("/claim/{code?}", Ok),
        // How the person's own record started: only someone with a record of their own.
        R("/my-record", NotFound, owner: Ok, anonymous: SignIn),
    ];

    private const string PersonName = "Zephyrine Quillfeather";
    private const string Marker = "MARKER-plan-content-4c1e";

    [Fact]
    public async Task EveryRoute_ForEveryRelationship_MatchesTheMatrix()
    {
        using var app = new LivingBetterApp();
        var scenario = await Scenario.BuildAsync(app);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var missing = routes.Where(r => Matrix.All(m => m.Route != r)).ToList();
        Assert.True(missing.Count == 0,
            "These routes are not in the access matrix (tests/LivingBetter.Tests/Sharing/AccessMatrixTests.cs). Add one line each saying what every relationship must get:\n  "
            + string.Join("\n  ", missing));
        var stale = Matrix.Select(m => m.Route).Where(r => !routes.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "These matrix rows name routes the application no longer has:\n  " + string.Join("\n  ", stale));

        var mismatches = await MismatchesAsync(scenario, Matrix, rel => scenario.Clients[rel]);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} access matrix mismatches:\n  " + string.Join("\n  ", mismatches));
    }

    /// <summary>
    /// The same matrix with API tokens (ADR 0013, amended 2026-12-07): on the FHIR and JSON APIs, everyone's read
    /// token gets exactly what their signed-in session gets, and a token nobody issued what an anonymous caller gets;
    /// on every page, a token alone, even the person's own, gets what an anonymous visitor gets.
    /// </summary>
    [Fact]
    public async Task EveryRoute_WithEachRelationshipsApiToken_MatchesTheMatrix_AndNoPageTakesAToken()
    {
        using var app = new LivingBetterApp();
        var scenario = await Scenario.BuildAsync(app);
        var tokens = new Dictionary<Rel, HttpClient>();
        foreach (var (rel, client) in scenario.Clients.Where(c => c.Key != Rel.Anonymous))
        {
            tokens[rel] = app.BearerClient(await client.MakeApiTokenAsync("Matrix " + rel));
        }
        tokens[Rel.Anonymous] = app.BearerClient(ApiTokenService.Prefix + "nobody-issued-this-token-0000000000000");

        static bool IsApi(Row row) => row.Route.StartsWith("/api/", StringComparison.Ordinal) || row.Route.StartsWith("/fhir/", StringComparison.Ordinal);
        var mismatches = await MismatchesAsync(scenario, Matrix.Where(IsApi), rel => tokens[rel]);
        var pages = Matrix.Where(r => !IsApi(r)).Select(r => r with { Expected = new Dictionary<Rel, Outcome> { [Rel.Owner] = r.Expected[Rel.Anonymous] } });
        mismatches.AddRange(await MismatchesAsync(scenario, pages, rel => tokens[rel]));
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} access matrix mismatches with API tokens:\n  " + string.Join("\n  ", mismatches));
    }

    /// <summary>Every row's URL as each relationship in its expectations, with what came back that should not have.</summary>
    private static async Task<List<string>> MismatchesAsync(Scenario scenario, IEnumerable<Row> rows, Func<Rel, HttpClient> client)
    {
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var url = scenario.Fill(row.Route, row.Use);
            foreach (var (rel, expected) in row.Expected)
            {
                if (expected == NotGet)
                {
                    continue;
                }
                var response = await client(rel).GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                var actual = Classify(response);
                if (actual != expected)
                {
                    mismatches.Add($"{row.Route} as {rel}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
                if (response.StatusCode != HttpStatusCode.OK || actual != Ok)
                {
                    // Nothing about the person in anything that is not a success, except the owner's own name in their header.
                    if (body.Contains(Marker, StringComparison.Ordinal) || (rel != Rel.Owner && body.Contains("Quillfeather", StringComparison.Ordinal)))
                    {
                        mismatches.Add($"{row.Route} as {rel}: the {(int)response.StatusCode} body contains the person's data");
                    }
                }
                else if (rel is not (Rel.Owner) && body.Contains(Marker, StringComparison.Ordinal) && expected != Ok)
                {
                    mismatches.Add($"{row.Route} as {rel}: plan content shown");
                }
            }
        }
        return mismatches;
    }

    private static Outcome? Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Unauthorized => Unauthorized,
            HttpStatusCode.Accepted => Accepted,
            HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.Ordinal) => SignIn,
            HttpStatusCode.Redirect when location == "/" => Home,
            HttpStatusCode.Redirect when location == "/account/security" => Security,
            _ => null,
        };
    }

    /// <summary>One person and someone in every relationship to them, each with a signed-in client.</summary>
    private sealed class Scenario
    {
        public Dictionary<Rel, HttpClient> Clients { get; } = [];
        public Dictionary<string, string> Values { get; } = [];

        public string Fill(string route, IReadOnlyDictionary<string, string>? use)
        {
            var sb = new StringBuilder(route);
            foreach (var (param, key) in use ?? new Dictionary<string, string>())
            {
                sb.Replace("{" + param + "}", Values[key]);
            }
            foreach (var (name, value) in Values)
            {
                sb.Replace("{" + name + "}", value);
            }
            return sb.ToString();
        }

        public static async Task<Scenario> BuildAsync(LivingBetterApp app)
        {
            var s = new Scenario();
            var (org, team) = await app.CreateOrganisationAsync();
            var (otherOrg, otherTeam) = await app.CreateOrganisationAsync();
            var person = await app.CreatePersonAsync(PersonName);
            var personId = person.PersonId!.Value;
            await app.AddCareEpisodeAsync(personId, team);
            await app.AddPlanWithMarkerAsync(personId, Marker);

            var current = await app.CreateSupporterAsync(personId, "Current Supporter");
            var withdrawn = await app.CreateSupporterAsync(personId, "Withdrawn Supporter");
            var expired = await app.CreateSupporterAsync(personId, "Expired Supporter");
            var never = await app.CreateSupporterAsync(personId, "Never Supporter");
            var shared = await app.CreateStaffAsync(org, team);
            var notShared = await app.CreateStaffAsync(org, team);
            var otherStaff = await app.CreateStaffAsync(otherOrg, otherTeam);
            var lead = await app.CreateStaffAsync(org, team, Roles.TeamLead);
            var admin = await app.CreateStaffAsync(org, null, Roles.OrgAdmin);
            var divisionLead = await app.CreateStaffAsync(org, null);
            var boardMember = await app.CreateStaffAsync(org, null);
            var division = await app.WithDbAsync(db => db.Divisions.Where(d => d.OrganisationId == org).Select(d => d.Id).FirstAsync());
            var leadRole = Guid.NewGuid();
            await app.WithDbAsync(async db =>
            {
                var memberships = await db.StaffMemberships.Where(m => m.UserId == divisionLead.UserId || m.UserId == boardMember.UserId).ToListAsync();
                var leadMembership = memberships.Single(m => m.UserId == divisionLead.UserId).Id;
                db.Add(new OrganisationRole { Id = leadRole, StaffMembershipId = leadMembership, Kind = OrganisationRoleKind.DivisionLead, DivisionId = division, GrantedAt = app.Time.GetUtcNow() });
                db.Add(new OrganisationRole { Id = Guid.NewGuid(), StaffMembershipId = memberships.Single(m => m.UserId == boardMember.UserId).Id, Kind = OrganisationRoleKind.BoardMember, GrantedAt = app.Time.GetUtcNow() });
                await db.SaveChangesAsync();
                s.Values["leadMembership"] = leadMembership.ToString();
            });
            s.Values["leadRole"] = leadRole.ToString();

            s.Clients[Rel.Owner] = await app.SignInAsync(person);
            s.Clients[Rel.SupporterCurrent] = await app.SignInAsync(current);
            s.Clients[Rel.SupporterWithdrawn] = await app.SignInAsync(withdrawn);
            s.Clients[Rel.SupporterExpired] = await app.SignInAsync(expired);
            s.Clients[Rel.SupporterNever] = await app.SignInAsync(never);
            s.Clients[Rel.TeamStaffShared] = await app.SignInAsync(shared);
            s.Clients[Rel.TeamStaffNotShared] = await app.SignInAsync(notShared);
            s.Clients[Rel.OtherStaff] = await app.SignInAsync(otherStaff);
            s.Clients[Rel.TeamLead] = await app.SignInAsync(lead);
            s.Clients[Rel.OrgAdmin] = await app.SignInAsync(admin);
            s.Clients[Rel.DivisionLead] = await app.SignInAsync(divisionLead);
            s.Clients[Rel.BoardMember] = await app.SignInAsync(boardMember);
            s.Clients[Rel.Anonymous] = app.NewClient();
            await s.Clients[Rel.Owner].MakeApiTokenAsync("The person's own app");
            s.Values["apiToken"] = (await app.WithDbAsync(db => db.Set<ApiToken>().Select(t => t.Id).SingleAsync())).ToString();

            // Grants are made after every sign-in, because signing in with a code moves fake time on.
            var now = app.Time.GetUtcNow();
            s.Values["grant"] = (await app.GrantAsync(personId, current.UserId, null, SharedPart.CrisisPlan)).ToString();
            await app.GrantAsync(personId, withdrawn.UserId, null, SharedPart.CrisisPlan, withdrawnAt: now.AddMinutes(-1));
            await app.GrantAsync(personId, expired.UserId, null, SharedPart.CrisisPlan, expiresAt: now.AddMinutes(-1));
            await app.GrantAsync(personId, shared.UserId, null, SharedPart.CrisisPlan);

            s.Values["personId:guid"] = personId.ToString();
            s.Values["id:guid"] = (await app.SupporterLinkIdAsync(personId, current.UserId)).ToString();
            s.Values["token"] = await app.InvitationAsync(personId, person.UserId);
            s.Values["documentName"] = "v1";
            // The claim page without a code: wrong codes would count towards the address's lockout.
            s.Values["code?"] = "";
            s.Values["fhirPatient"] = "Patient";
            s.Values["fhirCarePlan"] = "CarePlan";
            s.Values["fhirQuestionnaireResponse"] = "QuestionnaireResponse";
            s.Values["measureResponse"] = (await app.MeasureResponseAsync(org, personId)).ToString();
            s.Values["carePlanId"] = (await app.WithDbAsync(db => db.Plans.Where(p => p.PersonId == personId).Select(p => p.Id).FirstAsync())).ToString();
            s.Values["firstVersion"] = "1";
            s.Values["team"] = team.ToString();
            s.Values["organisationId:guid"] = org.ToString();
            (s.Values["jobId:guid"], s.Values["fileId:guid"]) = await app.FinishedExportAsync(org, admin.UserId);
            s.Values["stayingWell"] = "staying-well";
            s.Values["round"] = "1";
            s.Values["crisis"] = "crisis";
            s.Values["new-goal"] = "new";
            s.Values["version"] = (await app.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == personId).Select(v => v.Id).FirstAsync())).ToString();
            s.Values["kind"] = "divisions";
            s.Values["division"] = (await app.WithDbAsync(db => db.Divisions.Where(d => d.OrganisationId == org).Select(d => d.Id).FirstAsync())).ToString();
            s.Values["membership"] = (await app.WithDbAsync(db => db.StaffMemberships.Where(m => m.UserId == shared.UserId).Select(m => m.Id).FirstAsync())).ToString();
            return s;
        }
    }
}
