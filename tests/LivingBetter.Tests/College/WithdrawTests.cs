using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

/// <summary>Withdrawing a course: confirmed with a reason, every booking cancelled and told, gone from the prospectus.</summary>
public sealed class WithdrawTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task WithdrawCourse_ReasonGivenAfterConfirmation_CancelsPlacesEmailsEveryoneAndLeavesProspectus()
    {
        var college = await app.CreateCollegeAsync();
        var title = "Hearing voices, finding ways " + Guid.NewGuid().ToString("N")[..6];
        var courseId = await app.CreateCourseAsync(college, capacity: 1, title: title);
        var first = await app.CreatePersonAsync("Tam Withdrawn");
        var second = await app.CreatePersonAsync("Lee Waiting");
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignInAsync(first)).EnrolAsync(courseId)).StatusCode);
        var secondClient = await app.SignInAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, (await secondClient.EnrolAsync(courseId)).StatusCode);
        var admin = await app.SignInAsync(college.Admin);

        var confirm = await admin.GetPageAsync($"/college/manage/courses/{courseId}/withdraw");
        Assert.Contains("1 person has a place and 1 is on the waiting list", confirm.MainText());

        // No reason: a clear message, nothing withdrawn.
        var empty = await Forms.ParseAsync(await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "  " }));
        Assert.Equal("Enter why the course is withdrawn, so the people booked on it know", empty.FieldError("Input_Reason"));
        Assert.Null(await app.WithDbAsync(db => db.Set<Course>().Where(c => c.Id == courseId).Select(c => c.WithdrawnAt).SingleAsync()));

        var done = await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "Our trainer is unwell and nobody could step in." });
        Assert.Equal($"/college/manage/courses/{courseId}?done=withdrawn", done.Headers.Location?.OriginalString);

        foreach (var who in new[] { first, second })
        {
            var mail = app.Email.LastTo(who.Email);
            Assert.Contains(title, mail.Subject);
            Assert.Contains("Our trainer is unwell and nobody could step in.", mail.TextBody);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Enrolment>().CountAsync(e => e.CourseId == courseId && e.Status != EnrolmentStatus.Cancelled)));
        Assert.DoesNotContain(title, (await app.NewClient().GetPageAsync("/college")).MainText());
        Assert.DoesNotContain(title, await app.NewClient().GetStringAsync("/api/college/courses"));
        var page = await secondClient.GetPageAsync($"/college/courses/{courseId}");
        Assert.Contains("The college has withdrawn this course", page.MainText());
        Assert.Contains("This course has been withdrawn", (await admin.GetPageAsync($"/college/manage/courses/{courseId}")).MainText());
        // Once withdrawn there is nothing left to withdraw.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/college/manage/courses/{courseId}/withdraw")).StatusCode);
    }

    [Fact]
    public async Task WithdrawCourse_TrainerOrOtherOrganisationsAdmin_NotFoundAndNothingChanges()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var other = await app.CreateCollegeAsync();
        foreach (var actor in new[] { college.LivedTrainer, other.Admin })
        {
            var client = await app.SignInAsync(actor);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/college/manage/courses/{courseId}/withdraw")).StatusCode);
            var post = await client.PostWithTokenAsync("/college", $"/college/manage/courses/{courseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "Because" });
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Null(await app.WithDbAsync(db => db.Set<Course>().Where(c => c.Id == courseId).Select(c => c.WithdrawnAt).SingleAsync()));
    }
}
