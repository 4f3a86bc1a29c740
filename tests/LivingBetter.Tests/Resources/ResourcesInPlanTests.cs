using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Resources;

/// <summary>A community group the person linked from the directory appears in their wellbeing plan's resources.</summary>
public sealed class ResourcesInPlanTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task WellbeingPlanResources_LinkedAndSuggestedResources_ShowsOnlyTheLinkedOne()
    {
        var person = await app.CreatePersonAsync();
        await app.WithDbAsync(async db =>
        {
            var walking = new CommunityResource { Id = Guid.NewGuid(), Category = ResourceCategory.Club, Name = "Riverside Walking Group", CreatedAt = app.Time.GetUtcNow() };
            var choir = new CommunityResource { Id = Guid.NewGuid(), Category = ResourceCategory.Society, Name = "Eastmoor Community Choir", CreatedAt = app.Time.GetUtcNow() };
            db.AddRange(walking, choir);
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, ResourceId = walking.Id, Status = ResourceLinkStatus.Linked, Note = "Saturdays", CreatedAt = app.Time.GetUtcNow() });
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = person.PersonId!.Value, ResourceId = choir.Id, Status = ResourceLinkStatus.Suggested, CreatedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(person);

        var section = await client.GetPageAsync("/plans/wellbeing/resources");

        var linked = section.QuerySelector("#linked-community-resources")!.TextContent;
        Assert.Contains("Riverside Walking Group: Saturdays", linked);
        Assert.DoesNotContain("Eastmoor Community Choir", linked);
    }

    [Fact]
    public async Task WellbeingPlanResources_NothingLinked_PointsToTheDirectory()
    {
        var client = await app.SignInAsNewPersonAsync();

        var section = await client.GetPageAsync("/plans/wellbeing/resources");

        Assert.Contains("community resources directory", section.QuerySelector("#linked-community-resources")!.TextContent);
    }
}
