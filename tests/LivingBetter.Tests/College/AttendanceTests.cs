using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.College;

public sealed class AttendanceTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    private async Task<Guid> SessionIdAsync(Guid courseId, int number) =>
        await app.WithDbAsync(db => db.Set<CourseSession>().Where(s => s.CourseId == courseId && s.Number == number).Select(s => s.Id).SingleAsync());

    private async Task<Guid> EnrolmentIdAsync(Guid courseId, Guid userId) =>
        await app.WithDbAsync(db => db.Set<Enrolment>().Where(e => e.CourseId == courseId && e.UserId == userId).Select(e => e.Id).SingleAsync());

    private async Task MarkAsync(HttpClient trainer, Guid courseId, int session, params Guid[] enrolmentIds)
    {
        var url = $"/college/courses/{courseId}/register/{await SessionIdAsync(courseId, session)}";
        var page = await trainer.GetPageAsync(url);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        fields.AddRange(enrolmentIds.Select(id => new KeyValuePair<string, string>("Attended", id.ToString())));
        var response = await trainer.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Register_TrainerMarksSessions_PersonGetsCertificateOnlyOnceThresholdReached()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, sessionDays: [1, 2, 3], forCertificate: 2, title: "Sleeping better – a gentle start");
        var personActor = await app.CreatePersonAsync("Ffion Müller-Jones");
        await (await app.SignInAsync(personActor)).EnrolAsync(courseId);
        var enrolmentId = await EnrolmentIdAsync(courseId, personActor.UserId);
        app.Time.Advance(TimeSpan.FromDays(2.5));
        var trainer = await app.SignInAsync(college.LivedTrainer);
        var person = await app.SignInAsync(personActor);

        await MarkAsync(trainer, courseId, 1, enrolmentId);
        var notYet = await person.GetAsync($"/college/courses/{courseId}/certificate");
        Assert.Equal("text/html", notYet.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not available yet", (await Forms.ParseAsync(notYet)).MainText());

        await MarkAsync(trainer, courseId, 2, enrolmentId);
        var mine = await person.GetPageAsync("/college/my-courses");
        Assert.Contains("you came to 2 of 3 sessions", mine.MainText());
        var response = await person.GetAsync($"/college/courses/{courseId}/certificate");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Certificate", text);
        Assert.Contains("Müller-Jones", text);
        Assert.Contains("Sleeping better – a gentle start", text);
        Assert.Contains("2 of 3 sessions", text);
    }

    [Fact]
    public async Task Register_UnmarkingSomeone_RecordsThemAsAbsent()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, sessionDays: [1]);
        var personActor = await app.CreatePersonAsync();
        await (await app.SignInAsync(personActor)).EnrolAsync(courseId);
        var enrolmentId = await EnrolmentIdAsync(courseId, personActor.UserId);
        app.Time.Advance(TimeSpan.FromDays(1.1));
        var trainer = await app.SignInAsync(college.ProfessionalTrainer);

        await MarkAsync(trainer, courseId, 1, enrolmentId);
        await MarkAsync(trainer, courseId, 1);

        var attended = await app.WithDbAsync(db => db.Set<SessionAttendance>().Where(a => a.EnrolmentId == enrolmentId).Select(a => a.Attended).SingleAsync());
        Assert.False(attended);
    }

    [Fact]
    public async Task Register_SessionNotStartedYet_SaysSoAndRecordsNothing()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, sessionDays: [5]);
        var personActor = await app.CreatePersonAsync();
        await (await app.SignInAsync(personActor)).EnrolAsync(courseId);
        var trainer = await app.SignInAsync(college.LivedTrainer);
        var url = $"/college/courses/{courseId}/register/{await SessionIdAsync(courseId, 1)}";

        var response = await trainer.SubmitFormAsync(url, new Dictionary<string, string> { ["Attended"] = (await EnrolmentIdAsync(courseId, personActor.UserId)).ToString() });

        Assert.Contains("has not started yet", string.Join(" ", (await Forms.ParseAsync(response)).ErrorSummary()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SessionAttendance>().CountAsync(a => a.Session!.CourseId == courseId)));
    }

    [Fact]
    public async Task Register_SomeoneWhoIsNotATrainer_NotFound()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var person = await app.SignInAsNewPersonAsync();
        var otherStaff = await app.SignInAsync(await app.CreateStaffAsync(college.OrganisationId, college.TeamId));

        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync($"/college/courses/{courseId}/register")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/college/courses/{courseId}/register")).StatusCode);
    }

    [Fact]
    public async Task Certificate_NotEnrolled_NotFound()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var person = await app.SignInAsNewPersonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync($"/college/courses/{courseId}/certificate")).StatusCode);
    }
}
