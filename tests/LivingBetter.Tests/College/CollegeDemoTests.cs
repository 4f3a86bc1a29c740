using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

public sealed class CollegeDemoTests
{
    [Fact]
    public async Task DemoData_ATermOfCoursesAndADirectoryPerLocality_AlexSeesCertificateAndSuggestion()
    {
        using var app = LivingBetterApp.WithDemoOrganisation();

        var (courses, withBothTrainers, attended, localitiesWithResources) = await app.WithDbAsync(async db => (
            await db.Set<Course>().CountAsync(),
            await db.Set<Course>().CountAsync(c => c.LivedExperienceTrainerUserId != c.ProfessionalTrainerUserId),
            await db.Set<SessionAttendance>().CountAsync(a => a.Attended),
            await db.Set<CommunityResource>().Where(r => r.LocalityId != null).Select(r => r.LocalityId).Distinct().CountAsync()));
        Assert.Equal(9, courses);
        Assert.Equal(9, withBothTrainers);
        Assert.True(attended > 100, $"Only {attended} attendances were seeded.");
        Assert.Equal(4, localitiesWithResources);

        var alex = app.NewClient();
        await app.SignInAsync(alex, DemoAccounts.Person.Email, DemoAccounts.Password, null);
        var mine = await alex.GetPageAsync("/college/my-courses");
        Assert.Contains("Download your certificate", mine.MainText());
        Assert.NotEmpty(mine.QuerySelectorAll("main table tbody tr"));
        var resources = await alex.GetPageAsync("/resources/mine");
        Assert.Contains("Suggested for you", resources.MainText());
        Assert.Contains("Northbridge Walking for Wellbeing", resources.MainText());
        Assert.Contains("Northbridge Allotment and Growing Group", resources.MainText());
        Assert.Contains("No longer listed", resources.MainText());

        var admin = app.NewClient();
        await app.SignInAsync(admin, DemoAccounts.Admin.Email, DemoAccounts.Password, DemoAccounts.Admin.AuthenticatorKey);
        var manage = await admin.GetPageAsync("/college/manage");
        Assert.Equal(9, manage.QuerySelectorAll("main table tbody tr").Length);
        var workforce = await admin.GetPageAsync("/college/workforce");
        Assert.Contains("From attendance: Co-facilitating plan-writing groups: spring group", workforce.MainText());
        var directory = await admin.GetPageAsync("/resources/manage");
        Assert.Contains("Suggestions from staff (1 waiting)", directory.MainText());
        Assert.Contains("Northbridge Allotment and Growing Group", directory.QuerySelectorAll("main ul")[^1].TextContent);
        var queue = await admin.GetPageAsync("/resources/manage/suggestions");
        Assert.Contains("Northbridge Tuesday Craft Club", queue.MainText());
    }
}
