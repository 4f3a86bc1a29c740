using System.Net;
using LivingBetter.Tests.Plans;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.College;

/// <summary>Issue #8's "done when", end to end through the pages, as a new person would go.</summary>
public sealed class JourneyTests(LivingBetterApp app) : IClassFixture<LivingBetterApp>
{
    [Fact]
    public async Task NewPerson_FindsCourseEnrolsAttendsCertificatePlanAndLocalGroup_CollegeSeesWhatFollowed()
    {
        var college = await app.CreateCollegeAsync();
        var title = "Planning for staying well " + Guid.NewGuid().ToString("N")[..6];
        var courseId = await app.CreateCourseAsync(college, sessionDays: [1, 2], forCertificate: 2, title: title);
        var (near, far) = await app.WithDbAsync(async db =>
        {
            var testville = await db.Localities.Where(l => l.OrganisationId == college.OrganisationId).Select(l => l.Id).FirstAsync();
            var elsewhere = new Locality { Id = Guid.NewGuid(), OrganisationId = college.OrganisationId, Name = "Farfield" };
            var n = new CommunityResource { Id = Guid.NewGuid(), OrganisationId = college.OrganisationId, LocalityId = testville, Category = ResourceCategory.CommunityGroup, Name = "Testville Tuesday Gardeners " + title[^6..], CreatedAt = app.Time.GetUtcNow() };
            var f = new CommunityResource { Id = Guid.NewGuid(), OrganisationId = college.OrganisationId, LocalityId = elsewhere.Id, Category = ResourceCategory.CommunityGroup, Name = "Farfield Knitting Circle " + title[^6..], CreatedAt = app.Time.GetUtcNow() };
            db.AddRange(elsewhere, n, f);
            await db.SaveChangesAsync();
            return ((Id: n.Id, Locality: testville, n.Name), f.Name);
        });
        var actor = await app.CreatePersonAsync("Rowan Ashdown");
        var person = await app.SignInAsync(actor);

        // Finds the course in the prospectus and enrols.
        var prospectus = await person.GetPageAsync("/college");
        Assert.Contains(title, prospectus.MainText());
        var enrolled = await person.EnrolAsync(courseId);
        Assert.Equal($"/college/courses/{courseId}?done=enrolled", enrolled.Headers.Location?.OriginalString);

        // Attends both sessions; the trainer records it.
        app.Time.Advance(TimeSpan.FromDays(2.5));
        var trainer = await app.SignInAsync(college.LivedTrainer);
        var enrolmentId = await app.WithDbAsync(db => db.Set<Enrolment>().Where(e => e.CourseId == courseId).Select(e => e.Id).SingleAsync());
        foreach (var sessionId in await app.WithDbAsync(db => db.Set<CourseSession>().Where(s => s.CourseId == courseId).Select(s => s.Id).ToListAsync()))
        {
            var marked = await trainer.SubmitFormAsync($"/college/courses/{courseId}/register/{sessionId}", new Dictionary<string, string> { ["Attended"] = enrolmentId.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        // Gets a certificate with their name and the course on it, and says what they thought.
        person = await app.SignInAsync(actor);
        var certificate = await person.GetAsync($"/college/courses/{courseId}/certificate");
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType?.MediaType);
        using (var pdf = PdfDocument.Open(await certificate.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Rowan Ashdown", text);
        }
        var feedback = await person.SubmitFormAsync($"/college/courses/{courseId}/feedback", new Dictionary<string, string>
        {
            ["Input.HopeAndControl"] = "5",
            ["Input.MostUseful"] = "Hearing how others keep well",
        });
        Assert.Equal(HttpStatusCode.Redirect, feedback.StatusCode);

        // Then writes a staying-well plan through the plan pages.
        await person.SaveSectionAsync("staying-well", "when-well", new Dictionary<string, string>
        {
            ["F.Description"] = "I garden on Tuesdays and see my sister at weekends.",
            ["Done"] = "true",
        });

        // Finds a community group near them, not one across the county, and links it into their wellbeing plan.
        var local = (await person.GetPageAsync($"/resources?locality={near.Locality}")).MainText();
        Assert.Contains(near.Name, local);
        Assert.DoesNotContain(far, local);
        var linked = await person.SubmitFormAsync($"/resources/{near.Id}", new Dictionary<string, string> { ["Link.Note"] = "Tuesday mornings" }, "handler=Link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var resources = await person.GetPageAsync("/plans/wellbeing/resources");
        Assert.Contains(near.Name + ": Tuesday mornings", resources.QuerySelector("#linked-community-resources")!.TextContent);

        // The college sees attendance, feedback and what followed (small numbers suppressed).
        var admin = await app.SignInAsync(college.Admin);
        var report = await admin.GetPageAsync($"/college/manage/courses/{courseId}");
        var sessions = report.QuerySelectorAll("main table")[1];
        Assert.All(sessions.QuerySelectorAll("tbody tr"), row => Assert.Equal("1", row.QuerySelectorAll("td")[1].TextContent.Trim()));
        var followed = report.QuerySelectorAll("main dl")[0].QuerySelectorAll("dd");
        Assert.Equal("1", followed[0].TextContent.Trim());
        Assert.Equal("fewer than 8", followed[1].TextContent.Trim());
        Assert.Contains("Fewer than 8 people have given feedback", report.MainText());
    }
}
