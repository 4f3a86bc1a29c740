using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

/// <summary>Workforce records that come from the register of a course marked as plan-writing facilitator training.</summary>
public sealed class FacilitatorTrainingTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    /// <summary>Gives the learner a place and marks the given sessions attended (the rest missed).</summary>
    private async Task AttendAsync(Guid courseId, Guid userId, AttendeeKind kind, int attended, Guid recordedBy)
    {
        await app.WithDbAsync(async db =>
        {
            var sessions = await db.Set<CourseSession>().Where(s => s.CourseId == courseId).OrderBy(s => s.Number).ToListAsync();
            var now = app.Time.GetUtcNow();
            var enrolment = new Enrolment { Id = Guid.NewGuid(), CourseId = courseId, UserId = userId, Kind = kind, Status = EnrolmentStatus.Enrolled, RequestedAt = now, PlaceGivenAt = now };
            db.Add(enrolment);
            foreach (var s in sessions)
            {
                db.Add(new SessionAttendance { Id = Guid.NewGuid(), SessionId = s.Id, EnrolmentId = enrolment.Id, Attended = s.Number <= attended, RecordedByUserId = recordedBy, RecordedAt = now });
            }
            await db.SaveChangesAsync();
        });
    }

    private Task MarkAsFacilitatorTrainingAsync(Guid courseId) =>
        app.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().SingleAsync(c => c.Id == courseId);
            course.TrainsPlanWritingFacilitators = true;
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Workforce_StaffAttendedEverySession_ListedFromAttendanceOnceAndPeopleOnlyCounted()
    {
        var college = await app.CreateCollegeAsync();
        var title = "Running plan-writing groups " + Guid.NewGuid().ToString("N")[..6];
        var courseId = await app.CreateCourseAsync(college, sessionDays: [-21, -14, -7], title: title);
        await MarkAsFacilitatorTrainingAsync(courseId);
        var fullStaff = await app.CreateStaffAsync(college.OrganisationId, college.TeamId);
        var partStaff = await app.CreateStaffAsync(college.OrganisationId, college.TeamId);
        var alsoTypedIn = await app.CreateStaffAsync(college.OrganisationId, college.TeamId);
        var person = await app.CreatePersonAsync("Rowan Learner");
        var carer = await app.CreatePersonAsync("Kit Carer");
        var recorder = college.LivedTrainer.UserId;
        await AttendAsync(courseId, fullStaff.UserId, AttendeeKind.Staff, 3, recorder);
        await AttendAsync(courseId, partStaff.UserId, AttendeeKind.Staff, 2, recorder);
        await AttendAsync(courseId, alsoTypedIn.UserId, AttendeeKind.Staff, 3, recorder);
        await AttendAsync(courseId, person.UserId, AttendeeKind.PersonUsingServices, 3, recorder);
        await AttendAsync(courseId, carer.UserId, AttendeeKind.Carer, 3, recorder);
        var admin = await app.SignInAsync(college.Admin);
        await admin.SubmitFormAsync("/college/workforce", new Dictionary<string, string>
        {
            ["Input.Email"] = alsoTypedIn.Email,
            ["Input.Kind"] = TrainingRecord.PlanWritingFacilitator,
            ["Input.CompletedOn"] = "2026-01-15",
        });

        var page = await admin.GetPageAsync("/college/workforce");

        var team = page.QuerySelectorAll("main table")[0].QuerySelector("tbody tr")!;
        Assert.Equal("5", team.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal("2", team.QuerySelectorAll("td")[1].TextContent.Trim());
        var rows = page.QuerySelectorAll("main table")[1].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        var names = await app.WithDbAsync(db => db.Users.Where(u => u.Id == fullStaff.UserId || u.Id == partStaff.UserId || u.Id == alsoTypedIn.UserId || u.Id == person.UserId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName));
        var derived = Assert.Single(rows, r => r.Contains(names[fullStaff.UserId], StringComparison.Ordinal));
        Assert.Contains($"From attendance: {title}", derived);
        var both = Assert.Single(rows, r => r.Contains(names[alsoTypedIn.UserId], StringComparison.Ordinal));
        Assert.Contains($"Added by hand; also from attendance: {title}", both);
        Assert.DoesNotContain(rows, r => r.Contains(names[partStaff.UserId], StringComparison.Ordinal));
        Assert.DoesNotContain(names[person.UserId], page.MainText());
        var counts = page.QuerySelector("#lived-experience-facilitators")!.TextContent;
        Assert.Contains("People who use services: 1", counts);
        Assert.Contains("Carers, family and friends: 1", counts);
    }

    [Fact]
    public async Task Workforce_CourseNotMarkedOrNotFinished_NobodyAddedFromAttendance()
    {
        var college = await app.CreateCollegeAsync();
        var unmarked = await app.CreateCourseAsync(college, sessionDays: [-14, -7], title: "Unmarked course");
        var running = await app.CreateCourseAsync(college, sessionDays: [-7, 7], title: "Running course");
        await MarkAsFacilitatorTrainingAsync(running);
        var learner = await app.CreateStaffAsync(college.OrganisationId, college.TeamId);
        await AttendAsync(unmarked, learner.UserId, AttendeeKind.Staff, 2, college.LivedTrainer.UserId);
        await AttendAsync(running, learner.UserId, AttendeeKind.Staff, 2, college.LivedTrainer.UserId);

        var page = await (await app.SignInAsync(college.Admin)).GetPageAsync("/college/workforce");

        Assert.DoesNotContain("From attendance", page.MainText());
        Assert.Contains("No training has been recorded yet", page.MainText());
    }

    [Fact]
    public async Task EditCourse_TickFacilitatorTraining_SavedAndShownTickedAgain()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var admin = await app.SignInAsync(college.Admin);
        var form = await EditCourseTests.FilledFormAsync(admin, courseId);
        Assert.False(form.ContainsKey("Input.TrainsPlanWritingFacilitators"));

        form["Input.TrainsPlanWritingFacilitators"] = "true";
        var response = await admin.SubmitFormAsync($"/college/manage/courses/{courseId}/edit", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<Course>().Where(c => c.Id == courseId).Select(c => c.TrainsPlanWritingFacilitators).SingleAsync()));
        var again = await admin.GetPageAsync($"/college/manage/courses/{courseId}/edit");
        Assert.NotNull(again.QuerySelector("#Input_TrainsPlanWritingFacilitators[checked]"));
        Assert.Contains("attend every session", again.QuerySelector("#Input_TrainsPlanWritingFacilitators-hint")!.TextContent);
    }
}
