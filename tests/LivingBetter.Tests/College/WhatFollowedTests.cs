using System.Net;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.College;

/// <summary>The college sees attendance, feedback and what followed, in counts with small numbers hidden.</summary>
public sealed class WhatFollowedTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    /// <summary>People who came to a finished course; the first <paramref name="withPlans"/> then wrote a plan a month later.</summary>
    private async Task<Guid> FinishedCourseAsync(CollegeTestData.College college, int attendees, int withPlans, int feedback, int planOutsideWindow = 0)
    {
        var courseId = await app.CreateCourseAsync(college, capacity: 30, sessionDays: [-40, -30]);
        var now = app.Time.GetUtcNow();
        var people = new List<Actor>();
        for (var i = 0; i < attendees; i++)
        {
            people.Add(await app.CreatePersonAsync($"Attendee {i}"));
        }
        await app.WithDbAsync(async db =>
        {
            var sessions = await db.Set<CourseSession>().Where(s => s.CourseId == courseId).ToListAsync();
            for (var i = 0; i < people.Count; i++)
            {
                var e = new Enrolment { Id = Guid.NewGuid(), CourseId = courseId, UserId = people[i].UserId, Status = EnrolmentStatus.Enrolled, Kind = AttendeeKind.PersonUsingServices, RequestedAt = now.AddDays(-60) };
                db.Add(e);
                db.Add(new SessionAttendance { Id = Guid.NewGuid(), EnrolmentId = e.Id, SessionId = sessions[0].Id, Attended = true, RecordedByUserId = college.LivedTrainer.UserId, RecordedAt = now.AddDays(-40) });
                if (i < withPlans || i >= attendees - planOutsideWindow)
                {
                    var at = i < withPlans ? now.AddDays(-5) : now.AddDays(-200);
                    db.Add(new Plan { Id = Guid.NewGuid(), PersonId = people[i].PersonId!.Value, Kind = PlanKind.StayingWell, CreatedAt = at, UpdatedAt = at });
                }
                if (i < feedback)
                {
                    db.Add(new CourseFeedback { Id = Guid.NewGuid(), CourseId = courseId, UserId = people[i].UserId, HopeAndControl = 1 + (i % 5), MostUseful = $"Hearing other people's stories {i}", SubmittedAt = now.AddDays(-29) });
                }
            }
            await db.SaveChangesAsync();
        });
        return courseId;
    }

    [Fact]
    public async Task Report_NineAttendeesWroteAPlanAfterwards_ShowsRoundedCountAndFeedbackAnswers()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await FinishedCourseAsync(college, attendees: 10, withPlans: 9, feedback: 8);
        var admin = await app.SignInAsync(college.Admin);

        var page = await admin.GetPageAsync($"/college/manage/courses/{courseId}");

        var text = page.MainText();
        Assert.Equal("10", page.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd")[0].TextContent.Trim());
        Assert.Equal("10", page.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd")[1].TextContent.Trim());
        Assert.Contains("Hearing other people's stories 3", text);
        var overview = await admin.GetPageAsync("/college/manage");
        Assert.Contains("Finding my way with recovery", overview.MainText());
    }

    [Fact]
    public async Task Report_FewPlansAndFewFeedbackAnswers_SuppressedAsFewerThan8()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await FinishedCourseAsync(college, attendees: 9, withPlans: 7, feedback: 7, planOutsideWindow: 2);
        var admin = await app.SignInAsync(college.Admin);

        var page = await admin.GetPageAsync($"/college/manage/courses/{courseId}");

        Assert.Equal("fewer than 8", page.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd")[1].TextContent.Trim());
        Assert.Contains("Fewer than 8 people have given feedback", page.MainText());
        Assert.DoesNotContain("Hearing other people's stories", page.MainText());
    }

    [Fact]
    public async Task Report_StaffWhoAreNotAdministrators_NotFound()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college);
        var trainer = await app.SignInAsync(college.ProfessionalTrainer);
        var otherAdmin = await app.SignInAsync(await app.CreateStaffAsync((await app.CreateOrganisationAsync()).OrganisationId, null, Roles.OrgAdmin));

        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/college/manage/courses/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/college/manage/courses/{courseId}")).StatusCode);
    }

    [Fact]
    public async Task Journey_PersonFindsEnrolsAttendsGetsCertificateGivesFeedbackThenWritesPlan_CollegeSeesIt()
    {
        var college = await app.CreateCollegeAsync();
        var courseId = await app.CreateCourseAsync(college, sessionDays: [1, 2], forCertificate: 2, title: "Writing your staying-well plan");
        var actor = await app.CreatePersonAsync("Jordan");
        var person = await app.SignInAsync(actor);

        var prospectus = await person.GetPageAsync("/college");
        Assert.NotNull(prospectus.QuerySelector($"a[href='/college/courses/{courseId}']"));
        await person.EnrolAsync(courseId);
        app.Time.Advance(TimeSpan.FromDays(2.5));
        var trainer = await app.SignInAsync(college.LivedTrainer);
        var enrolmentId = await app.WithDbAsync(db => db.Set<Enrolment>().Where(e => e.CourseId == courseId).Select(e => e.Id).SingleAsync());
        foreach (var number in new[] { 1, 2 })
        {
            var sessionId = await app.WithDbAsync(db => db.Set<CourseSession>().Where(s => s.CourseId == courseId && s.Number == number).Select(s => s.Id).SingleAsync());
            await trainer.SubmitFormAsync($"/college/courses/{courseId}/register/{sessionId}", new Dictionary<string, string> { ["Attended"] = enrolmentId.ToString() });
        }
        person = await app.SignInAsync(actor);
        var certificate = await person.GetAsync($"/college/courses/{courseId}/certificate");
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType?.MediaType);
        var feedback = await person.SubmitFormAsync($"/college/courses/{courseId}/feedback", new Dictionary<string, string>
        {
            ["Input.HopeAndControl"] = "4",
            ["Input.MostUseful"] = "Writing the first page with others in the room",
        });
        Assert.Equal(HttpStatusCode.Redirect, feedback.StatusCode);
        await app.WithDbAsync(async db =>
        {
            db.Add(new Plan { Id = Guid.NewGuid(), PersonId = actor.PersonId!.Value, Kind = PlanKind.StayingWell, CreatedAt = app.Time.GetUtcNow().AddDays(10), UpdatedAt = app.Time.GetUtcNow().AddDays(10) });
            await db.SaveChangesAsync();
        });

        var admin = await app.SignInAsync(college.Admin);
        var report = await admin.GetPageAsync($"/college/manage/courses/{courseId}");
        var text = report.MainText();
        Assert.Contains("Fewer than 8 people have given feedback", text);
        Assert.Equal("1", report.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd")[0].TextContent.Trim());
        Assert.Equal("fewer than 8", report.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd")[1].TextContent.Trim());
        Assert.Contains("these numbers may still grow", text);
        var sessionsTable = report.QuerySelectorAll("main table")[1];
        Assert.All(sessionsTable.QuerySelectorAll("tbody tr"), row => Assert.Equal("1", row.QuerySelectorAll("td")[1].TextContent.Trim()));
        var again = await person.GetPageAsync($"/college/courses/{courseId}/feedback");
        Assert.Contains("you have already told us", again.MainText());
    }
}
