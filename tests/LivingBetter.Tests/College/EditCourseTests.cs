using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.MyData;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

/// <summary>Changing a course: the same rules as adding one, places never below those taken, everyone booked told of new dates or place.</summary>
public sealed class EditCourseTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    /// <summary>The edit form as the page fills it in, so a test changes only what a person would change.</summary>
    internal static async Task<Dictionary<string, string>> FilledFormAsync(HttpClient client, Guid courseId)
    {
        var page = await client.GetPageAsync($"/college/manage/courses/{courseId}/edit");
        var form = page.QuerySelector("main form")!;
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input").OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || input.Type == "hidden" || (input.Type == "checkbox" && !input.IsChecked))
            {
                continue;
            }
            values[input.Name] = input.Value;
        }
        foreach (var area in form.QuerySelectorAll("textarea").OfType<IHtmlTextAreaElement>())
        {
            values[area.Name!] = area.Value;
        }
        return values;
    }

    private Task<Course> CourseAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<Course>().AsNoTracking().Include(c => c.Sessions).SingleAsync(c => c.Id == id));

    [Fact]
    public async Task EditCourse_MorePlacesNewPlaceAndDate_WaitingPersonGetsPlaceAndEveryoneBookedIsEmailed()
    {
        var college = await app.CreateCollegeAsync();
        var title = "Sleep and staying well " + Guid.NewGuid().ToString("N")[..6];
        var courseId = await app.CreateCourseAsync(college, capacity: 1, title: title);
        var first = await app.CreatePersonAsync("Ash Booked");
        var second = await app.CreatePersonAsync("Bo Waiting");
        await (await app.SignInAsync(first)).EnrolAsync(courseId);
        await (await app.SignInAsync(second)).EnrolAsync(courseId);
        var admin = await app.SignInAsync(college.Admin);

        var form = await FilledFormAsync(admin, courseId);
        Assert.Equal(title, form["Input.Title"]);
        Assert.Equal(college.LivedTrainer.Email, form["Input.LivedExperienceTrainerEmail"]);
        form["Input.Capacity"] = "2";
        form["Input.Place"] = "Riverside Hall, 4 Mill Lane";
        form["Input.Sessions[0].Date"] = UkDate(app.Time.GetUtcNow().AddDays(8));
        var response = await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Forms.ParseAsync(response)).ErrorSummary()));
        Assert.Contains("Your changes to the course are saved", (await admin.GetPageAsync(response.Headers.Location!.OriginalString)).MainText());
        Assert.Contains("Riverside Hall, 4 Mill Lane", (await app.NewClient().GetPageAsync($"/college/courses/{courseId}")).MainText());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Enrolment>().CountAsync(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Enrolled)));
        Assert.Contains(app.Email.Sent, m => m.To == second.Email && m.Subject.StartsWith("A place is free for you", StringComparison.Ordinal));
        foreach (var who in new[] { first, second })
        {
            var mail = app.Email.LastTo(who.Email);
            Assert.Equal($"Changed dates and place: {title}", mail.Subject);
            Assert.Contains("Riverside Hall, 4 Mill Lane", mail.TextBody);
        }
    }

    [Fact]
    public async Task EditCourse_NothingChanged_KeepsSessionsAndEmailsNobody()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var person = await app.CreatePersonAsync("Cy Unchanged");
        await (await app.SignInAsync(person)).EnrolAsync(courseId);
        var before = await CourseAsync(courseId);
        var sentBefore = app.Email.Sent.Count(m => m.To == person.Email);
        var admin = await app.SignInAsync(college.Admin);

        var response = await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", await FilledFormAsync(admin, courseId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CourseAsync(courseId);
        Assert.Equal(before.Sessions.OrderBy(s => s.Number).Select(s => (s.Id, s.StartsAt)), after.Sessions.OrderBy(s => s.Number).Select(s => (s.Id, s.StartsAt)));
        Assert.Equal(sentBefore, app.Email.Sent.Count(m => m.To == person.Email));
    }

    [Fact]
    public async Task EditCourse_PlacesBelowThoseTaken_SaysHowManyAreTakenAndSavesNothing()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, capacity: 3);
        foreach (var name in new[] { "Di One", "Ed Two" })
        {
            await (await app.SignInAsync(await app.CreatePersonAsync(name))).EnrolAsync(courseId);
        }
        var admin = await app.SignInAsync(college.Admin);
        var form = await FilledFormAsync(admin, courseId);
        form["Input.Capacity"] = "1";
        form["Input.Title"] = "A title that must not be saved";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form));

        Assert.Equal("2 places are already taken: enter a number of places of at least 2, or cancel some places first", page.FieldError("Input_Capacity"));
        var course = await CourseAsync(courseId);
        Assert.Equal(3, course.Capacity);
        Assert.NotEqual("A title that must not be saved", course.Title);
    }

    [Fact]
    public async Task EditCourse_TrainerRemovedAndSessionsOutOfOrder_ClearMessagesAndSavesNothing()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var before = await CourseAsync(courseId);
        var admin = await app.SignInAsync(college.Admin);
        var form = await FilledFormAsync(admin, courseId);
        form["Input.ProfessionalTrainerEmail"] = "";
        form["Input.Sessions[1].Date"] = form["Input.Sessions[0].Date"];
        form["Input.Sessions[1].Start"] = form["Input.Sessions[0].Start"];
        form["Input.Sessions[1].End"] = form["Input.Sessions[0].End"];
        form["Input.Place"] = "Somewhere new that must not be saved";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form));

        Assert.Equal("Every course is co-facilitated by two trainers: enter the email address of the professional trainer", page.FieldError("Input_ProfessionalTrainerEmail"));
        Assert.Equal("Session 2 must start after the session before it ends: enter the sessions in date order", page.FieldError("Input_Sessions_1__Date"));
        var after = await CourseAsync(courseId);
        Assert.Equal(before.Place, after.Place);
        Assert.Equal(college.ProfessionalTrainer.UserId, after.ProfessionalTrainerUserId);
        Assert.Equal(before.Sessions.OrderBy(s => s.Number).Select(s => s.StartsAt), after.Sessions.OrderBy(s => s.Number).Select(s => s.StartsAt));
    }

    [Fact]
    public async Task EditCourse_RemovingSessionWithRegister_RefusedAndSessionKept()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, sessionDays: [1, 2]);
        var person = await app.CreatePersonAsync("Flo Attended");
        await (await app.SignInAsync(person)).EnrolAsync(courseId);
        await app.WithDbAsync(async db =>
        {
            var session = await db.Set<CourseSession>().SingleAsync(s => s.CourseId == courseId && s.Number == 2);
            var enrolment = await db.Set<Enrolment>().SingleAsync(e => e.CourseId == courseId);
            db.Add(new SessionAttendance { Id = Guid.NewGuid(), SessionId = session.Id, EnrolmentId = enrolment.Id, Attended = true, RecordedByUserId = college.LivedTrainer.UserId, RecordedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync(college.Admin);
        var form = await FilledFormAsync(admin, courseId);
        form["Input.Sessions[1].Date"] = form["Input.Sessions[1].Start"] = form["Input.Sessions[1].End"] = "";
        form["Input.SessionsForCertificate"] = "1";

        var page = await Forms.ParseAsync(await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form));

        Assert.Equal("Session 2 already has attendance recorded, so it cannot be removed: enter its date and times again", page.FieldError("Input_Sessions_1__Date"));
        Assert.Equal(2, (await CourseAsync(courseId)).Sessions.Count);
    }

    [Fact]
    public async Task EditCourse_TrainerWhoLeft_FieldStartsEmptyAndReplacementIsSaved()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var replacement = await app.CreateStaffAsync(college.OrganisationId, college.TeamId, Roles.Staff, JobRole.PeerSupportWorker);
        await app.WithDbAsync(async db =>
        {
            await FormerUser.EnsureAsync(db, default);
            var course = await db.Set<Course>().SingleAsync(c => c.Id == courseId);
            course.LivedExperienceTrainerUserId = FormerUser.Id;
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync(college.Admin);
        var form = await FilledFormAsync(admin, courseId);
        Assert.Equal("", form["Input.LivedExperienceTrainerEmail"]);

        var refused = await Forms.ParseAsync(await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form));
        Assert.Equal("Every course is co-facilitated by two trainers: enter the email address of the trainer with lived experience", refused.FieldError("Input_LivedExperienceTrainerEmail"));

        form["Input.LivedExperienceTrainerEmail"] = replacement.Email;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form)).StatusCode);
        Assert.Equal(replacement.UserId, (await CourseAsync(courseId)).LivedExperienceTrainerUserId);
    }

    [Fact]
    public async Task EditCourse_TrainerOrOtherOrganisationsAdmin_NotFoundAndNothingChanges()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var other = await app.CreateCollegeAsync();
        foreach (var actor in new[] { college.LivedTrainer, other.Admin })
        {
            var client = await app.SignInAsync(actor);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/college/manage/courses/{courseId}/edit")).StatusCode);
            var post = await client.PostWithTokenAsync("/college", $"/college/manage/courses/{courseId}/edit", new Dictionary<string, string> { ["Input.Title"] = "Taken over" });
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.NotEqual("Taken over", (await CourseAsync(courseId)).Title);
    }

    private static string UkDate(DateTimeOffset utc) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
