using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.College;

/// <summary>
/// Every college and resources page against every kind of visitor. "Sign in" means the visitor is
/// sent to the sign-in page; 404 means the page does not admit to existing for them.
/// </summary>
public sealed class AccessMatrixTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private const string SignIn = "sign in";
    private const string Ok = "200";
    private const string Hidden = "404";

    //                                                          anonymous, person,  other staff, trainer, admin,  other org's admin
    private static readonly (string Url, string[] Expected)[] Matrix =
    [
        ("/college",                                  [Ok,      Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/college/courses/{course}",                 [Ok,      Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/college/courses/{unknown}",                [Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/college/my-courses",                       [SignIn,  Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/college/courses/{course}/register",        [SignIn,  Hidden,  Hidden,  Ok,      Ok,      Hidden]),
        ("/college/courses/{course}/certificate",     [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/college/courses/{course}/feedback",        [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/college/courses/{course}/cancel",          [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/college/manage",                           [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/college/manage/new",                       [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/college/manage/courses/{course}",          [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
        ("/college/manage/courses/{course}/withdraw", [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
        ("/college/workforce",                        [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/resources",                                [SignIn,  Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/resources/{resource}",                     [SignIn,  Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/resources/{unknown}",                      [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/resources/mine",                           [SignIn,  Ok,      Ok,      Ok,      Ok,      Ok]),
        ("/resources/mine/{unknown}/remove",          [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/resources/suggest-new",                    [SignIn,  Hidden,  Ok,      Ok,      Ok,      Ok]),
        ("/resources/manage",                         [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/resources/manage/new",                     [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/resources/manage/suggestions",             [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Ok]),
        ("/resources/manage/{orgResource}/edit",      [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
        ("/resources/manage/{orgResource}/retire",    [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
        ("/resources/manage/{resource}/edit",         [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/resources/manage/{unknown}/retire",        [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        ("/resources/manage/suggestions/{proposal}",  [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
        ("/resources/manage/suggestions/{unknown}",   [SignIn,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden]),
        // A retired entry is out of the directory: only its administrators (and people who linked it) open it.
        ("/resources/{retired}",                      [SignIn,  Hidden,  Hidden,  Hidden,  Ok,      Hidden]),
    ];

    [Fact]
    public async Task EveryPage_EveryKindOfVisitor_GetsWhatTheMatrixSays()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var resourceId = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Add(new CommunityResource { Id = resourceId, Name = "Matrix Reading Group", Category = ResourceCategory.Club, CreatedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var orgResourceId = Guid.NewGuid();
        var retiredId = Guid.NewGuid();
        var proposalId = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Add(new CommunityResource { Id = orgResourceId, OrganisationId = college.OrganisationId, Name = "Matrix Walking Group", Category = ResourceCategory.Club, CreatedAt = app.Time.GetUtcNow() });
            db.Add(new CommunityResource { Id = retiredId, OrganisationId = college.OrganisationId, Name = "Matrix Closed Group", Category = ResourceCategory.Club, CreatedAt = app.Time.GetUtcNow(), RetiredAt = app.Time.GetUtcNow() });
            db.Add(new ResourceProposal { Id = proposalId, OrganisationId = college.OrganisationId, ProposedByUserId = college.LivedTrainer.UserId, Name = "Matrix Craft Club", Description = "Crafts", Category = ResourceCategory.Club, ProposedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var otherOrg = await app.CreateOrganisationAsync();
        // Each visitor signs in just before their column: fake time moves on with every staff sign-in.
        var visitors = new Func<Task<HttpClient>>[]
        {
            () => Task.FromResult(app.NewClient()),
            () => app.SignInAsNewPersonAsync(),
            async () => await app.SignInAsync(await app.CreateStaffAsync(college.OrganisationId, college.TeamId)),
            () => app.SignInAsync(college.LivedTrainer),
            () => app.SignInAsync(college.Admin),
            async () => await app.SignInAsync(await app.CreateStaffAsync(otherOrg.OrganisationId, null, Roles.OrgAdmin)),
        };
        var failures = new List<string>();
        for (var i = 0; i < visitors.Length; i++)
        {
            var client = await visitors[i]();
            foreach (var (template, expected) in Matrix)
            {
                var url = template.Replace("{course}", courseId.ToString(), StringComparison.Ordinal)
                    .Replace("{resource}", resourceId.ToString(), StringComparison.Ordinal)
                    .Replace("{orgResource}", orgResourceId.ToString(), StringComparison.Ordinal)
                    .Replace("{retired}", retiredId.ToString(), StringComparison.Ordinal)
                    .Replace("{proposal}", proposalId.ToString(), StringComparison.Ordinal)
                    .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
                var response = await client.GetAsync(url);
                var actual = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true
                    ? SignIn
                    : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (actual != expected[i])
                {
                    failures.Add($"{template} as visitor {i}: expected {expected[i]}, got {actual} {response.Headers.Location}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
