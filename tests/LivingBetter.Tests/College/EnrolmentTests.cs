using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.College;

public sealed class EnrolmentTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private Task<List<Enrolment>> EnrolmentsAsync(Guid courseId) =>
        app.WithDbAsync(db => db.Set<Enrolment>().Where(e => e.CourseId == courseId).ToListAsync());

    [Fact]
    public async Task Enrol_PlaceFree_PersonGetsPlaceAndSeesSessionsInMyCourses()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var person = await app.SignInAsNewPersonAsync();

        var response = await person.EnrolAsync(courseId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var course = await person.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("You have a place", course.MainText());
        Assert.Contains("9 of 10 left", course.MainText());
        var mine = await person.GetPageAsync("/college/my-courses");
        Assert.Equal(3, mine.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains("Finding my way with recovery", mine.MainText());
    }

    [Fact]
    public async Task Enrol_CourseFull_JoinsWaitingListAndPlacesNeverExceedCapacity()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 1);
        var first = await app.SignInAsNewPersonAsync();
        var second = await app.SignInAsNewPersonAsync();

        await first.EnrolAsync(courseId);
        var response = await second.EnrolAsync(courseId, "Carer");

        var page = await second.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("you are on the waiting list, number 1", page.MainText(), StringComparison.OrdinalIgnoreCase);
        var enrolments = await EnrolmentsAsync(courseId);
        Assert.Single(enrolments, e => e.Status == EnrolmentStatus.Enrolled);
        Assert.Single(enrolments, e => e.Status == EnrolmentStatus.Waiting);
    }

    [Fact]
    public async Task Cancel_AfterConfirming_PlaceGoesToFirstOnWaitingListWhoIsEmailed()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 1);
        var holder = await app.SignInAsNewPersonAsync();
        var waitingActor = await app.CreatePersonAsync("Waiting Person");
        var waiting = await app.SignInAsync(waitingActor);
        var later = await app.SignInAsNewPersonAsync();
        await holder.EnrolAsync(courseId);
        await waiting.EnrolAsync(courseId);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await later.EnrolAsync(courseId);

        var confirm = await holder.GetPageAsync($"/college/courses/{courseId}/cancel");
        Assert.Contains("Cancel your place", confirm.MainText());
        var response = await holder.SubmitFormAsync($"/college/courses/{courseId}/cancel", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = app.Email.LastTo(waitingActor.Email);
        Assert.Contains("A place is free for you", mail.Subject);
        var page = await waiting.GetPageAsync($"/college/courses/{courseId}");
        Assert.Contains("You have a place on this course", page.MainText());
        var laterPage = await later.GetPageAsync($"/college/courses/{courseId}");
        Assert.Contains("waiting list, number 1", laterPage.MainText());
    }

    [Fact]
    public async Task Enrol_ManyPeopleRaceForTheLastPlace_OnlyOneGetsIt()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 2);
        var early = await app.SignInAsNewPersonAsync();
        await early.EnrolAsync(courseId);
        var racers = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            racers.Add(await app.SignInAsNewPersonAsync());
        }
        // Fetch each form first so the posts themselves go in together.
        var tokens = new List<Dictionary<string, string>>();
        foreach (var client in racers)
        {
            var page = await client.GetPageAsync($"/college/courses/{courseId}");
            tokens.Add(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["Input.Kind"] = "PersonUsingServices",
            });
        }

        var responses = await Task.WhenAll(racers.Select((c, i) =>
            c.PostAsync($"/college/courses/{courseId}?handler=Enrol", new FormUrlEncodedContent(tokens[i]))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var enrolments = await EnrolmentsAsync(courseId);
        Assert.Equal(2, enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled));
        Assert.Equal(4, enrolments.Count(e => e.Status == EnrolmentStatus.Waiting));
    }

    [Fact]
    public async Task Enrol_StaleCountOfPlaces_SaveRefusedByConcurrencyToken()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 1);
        var a = await app.CreatePersonAsync();
        var b = await app.CreatePersonAsync();
        await using var scopeA = app.Services.CreateAsyncScope();
        await using var scopeB = app.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        // Both read the course while the last place is still free, as two simultaneous requests would.
        var courseA = await dbA.Set<Course>().SingleAsync(c => c.Id == courseId);
        var courseB = await dbB.Set<Course>().SingleAsync(c => c.Id == courseId);
        dbA.Add(new Enrolment { Id = Guid.NewGuid(), CourseId = courseId, UserId = a.UserId, Status = EnrolmentStatus.Enrolled, RequestedAt = app.Time.GetUtcNow() });
        courseA.EnrolmentVersion++;
        dbB.Add(new Enrolment { Id = Guid.NewGuid(), CourseId = courseId, UserId = b.UserId, Status = EnrolmentStatus.Enrolled, RequestedAt = app.Time.GetUtcNow() });
        courseB.EnrolmentVersion++;

        await dbA.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
        var enrolments = await EnrolmentsAsync(courseId);
        Assert.Single(enrolments);
    }

    [Fact]
    public async Task Enrol_AsAGroupTheCourseIsNotFor_SaysWhoItIsFor()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, audience: CourseAudience.Staff);
        var person = await app.SignInAsNewPersonAsync();

        var response = await person.EnrolAsync(courseId, "Carer");

        var page = await Forms.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This course is for staff", page.FieldError("Input_Kind"));
        Assert.Empty(await EnrolmentsAsync(courseId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("Manager")]
    [InlineData("<script>")]
    public async Task Enrol_JunkKind_AsksToChooseAndSavesNothing(string kind)
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var person = await app.SignInAsNewPersonAsync();

        var response = await person.EnrolAsync(courseId, kind);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose how you are coming to the course", (await Forms.ParseAsync(response)).FieldError("Input_Kind"));
        Assert.Empty(await EnrolmentsAsync(courseId));
    }

    [Fact]
    public async Task Reminders_SessionWithin48Hours_EmailedOnceToPeopleWithPlacesOnly()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 1, sessionDays: [3, 10]);
        var holderActor = await app.CreatePersonAsync();
        var waitingActor = await app.CreatePersonAsync();
        await (await app.SignInAsync(holderActor)).EnrolAsync(courseId);
        await (await app.SignInAsync(waitingActor)).EnrolAsync(courseId);
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<LivingBetter.Web.Features.College.CollegeService>();

        await service.SendRemindersAsync();
        Assert.DoesNotContain(app.Email.Sent, m => m.To == holderActor.Email && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));

        app.Time.Advance(TimeSpan.FromDays(1.5));
        await service.SendRemindersAsync();
        await service.SendRemindersAsync();

        var reminders = app.Email.Sent.Where(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Subject.Contains("session 1")).ToList();
        Assert.Single(reminders, m => m.To == holderActor.Email);
        Assert.DoesNotContain(reminders, m => m.To == waitingActor.Email);
    }
}

public sealed class CollegeApiTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task CoursesApi_Anonymous_ListsOpenCoursesWithPlacesLeft()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 3, title: "Api course");
        await (await app.SignInAsNewPersonAsync()).EnrolAsync(courseId);

        var response = await app.NewClient().GetAsync("/api/college/courses");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var course = json.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == courseId);
        Assert.Equal(2, course.GetProperty("placesLeft").GetInt32());
        Assert.Equal(3, course.GetProperty("sessionStarts").GetArrayLength());
    }
}
