using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

/// <summary>Adding courses: every course has both trainers and its sessions in order, or nothing is saved.</summary>
public sealed class CourseTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private Dictionary<string, string> ValidForm(CollegeTestData.College college, string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Description"] = "Two afternoons writing a plan for staying well, in your own words.",
        ["Input.ForPeople"] = "true",
        ["Input.ForCarers"] = "true",
        ["Input.Place"] = "Testville Community Centre, 1 High Street",
        ["Input.Capacity"] = "12",
        ["Input.LivedExperienceTrainerEmail"] = college.LivedTrainer.Email,
        ["Input.ProfessionalTrainerEmail"] = college.ProfessionalTrainer.Email,
        ["Input.Sessions[0].Date"] = "2026-12-01",
        ["Input.Sessions[0].Start"] = "10:00",
        ["Input.Sessions[0].End"] = "12:00",
        ["Input.Sessions[1].Date"] = "2026-12-08",
        ["Input.Sessions[1].Start"] = "10:00",
        ["Input.Sessions[1].End"] = "12:00",
        ["Input.SessionsForCertificate"] = "2",
    };

    private Task<int> CoursesTitledAsync(string title) =>
        app.WithDbAsync(db => db.Set<Course>().CountAsync(c => c.Title == title));

    [Fact]
    public async Task NewCourse_BothTrainersAndSessionsInOrder_AppearsInProspectusWithBothTrainers()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var title = "Writing my staying-well plan " + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.SubmitFormAsync("/college/manage/new", ValidForm(college, title));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Forms.ParseAsync(response)).ErrorSummary()));
        var prospectus = await app.NewClient().GetPageAsync("/college");
        Assert.Contains(title, prospectus.MainText());
        var course = await app.NewClient().GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("trainer with lived experience", course.MainText());
        Assert.Contains("1 December 2026", course.MainText());
        Assert.Contains("12 of 12 left", course.MainText());
    }

    [Fact]
    public async Task NewCourse_WithoutTrainerWithLivedExperience_SaysBothAreNeededAndSavesNothing()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var title = "Course with one trainer " + Guid.NewGuid().ToString("N")[..6];
        var form = ValidForm(college, title);
        form["Input.LivedExperienceTrainerEmail"] = "";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/college/manage/new", form));

        Assert.Contains("co-facilitated by two trainers", page.FieldError("Input_LivedExperienceTrainerEmail"));
        Assert.Equal(0, await CoursesTitledAsync(title));
    }

    [Fact]
    public async Task NewCourse_SameTrainerTwice_SaysTheyMustBeDifferentPeople()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var title = "Course with the same trainer twice " + Guid.NewGuid().ToString("N")[..6];
        var form = ValidForm(college, title);
        form["Input.LivedExperienceTrainerEmail"] = college.ProfessionalTrainer.Email;

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/college/manage/new", form));

        Assert.Contains("must be different people", page.FieldError("Input_ProfessionalTrainerEmail"));
        Assert.Equal(0, await CoursesTitledAsync(title));
    }

    [Fact]
    public async Task NewCourse_SessionsOutOfOrder_SaysPutThemInDateOrderAndSavesNothing()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var title = "Course out of order " + Guid.NewGuid().ToString("N")[..6];
        var form = ValidForm(college, title);
        form["Input.Sessions[1].Date"] = "2026-11-30";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/college/manage/new", form));

        Assert.Contains("date order", page.FieldError("Input_Sessions_1__Date"));
        Assert.Contains(page.ErrorSummary(), e => e.Contains("Session 2 must start after", StringComparison.Ordinal));
        Assert.Equal(0, await CoursesTitledAsync(title));
    }

    [Fact]
    public async Task NewCourse_SessionEndingBeforeItStarts_SaysSo()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        var form = ValidForm(college, "Backwards session");
        form["Input.Sessions[0].End"] = "09:00";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync("/college/manage/new", form));

        Assert.Equal("Session 1 must end after it starts", page.FieldError("Input_Sessions_0__End"));
    }

    [Fact]
    public async Task NewCourse_JunkInEveryField_ClearMessagesNever500()
    {
        var college = await app.CreateCollegeAsync();
        var admin = await app.SignInAsync(college.Admin);
        foreach (var junk in new[] { "", "-1", "99999999999999999999", "' OR 1=1 --", new string('x', 10_000), "😀" })
        {
            var form = ValidForm(college, junk).ToDictionary(kv => kv.Key, _ => junk);
            var response = await admin.SubmitFormAsync("/college/manage/new", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty((await Forms.ParseAsync(response)).ErrorSummary());
        }
    }

    [Fact]
    public async Task NewCourse_ByStaffWhoAreNotAdministrators_NotFound()
    {
        var college = await app.CreateCollegeAsync();
        var staff = await app.SignInAsync(college.ProfessionalTrainer);

        var response = await staff.GetAsync("/college/manage/new");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
