using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.College;

/// <summary>Builders for college tests: an organisation with its two trainers, and courses made straight in the database.</summary>
public static class CollegeTestData
{
    public sealed record College(Guid OrganisationId, Guid TeamId, Actor Admin, Actor LivedTrainer, Actor ProfessionalTrainer);

    public static async Task<College> CreateCollegeAsync(this LivingBetterApp app)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var admin = await app.CreateStaffAsync(orgId, null, Roles.OrgAdmin, JobRole.Manager);
        var lived = await app.CreateStaffAsync(orgId, teamId, Roles.Staff, JobRole.PeerSupportWorker);
        var professional = await app.CreateStaffAsync(orgId, teamId, Roles.Staff, JobRole.Nurse);
        return new College(orgId, teamId, admin, lived, professional);
    }

    /// <summary>A course whose sessions start at the given offsets (in days) from now, each lasting two hours.</summary>
    public static async Task<Guid> CreateCourseAsync(this LivingBetterApp app, College college, int capacity = 10, int[]? sessionDays = null,
        string title = "Finding my way with recovery", int forCertificate = 2, CourseAudience audience = CourseAudience.PeopleUsingServices | CourseAudience.Carers | CourseAudience.Staff)
    {
        var now = app.Time.GetUtcNow();
        var days = sessionDays ?? [7, 14, 21];
        var course = new Course
        {
            Id = Guid.NewGuid(),
            OrganisationId = college.OrganisationId,
            Title = title,
            Description = "Three mornings about what recovery can mean for each of us.",
            Audience = audience,
            Place = "The Old Library, Testville",
            Capacity = capacity,
            SessionsForCertificate = forCertificate,
            LivedExperienceTrainerUserId = college.LivedTrainer.UserId,
            ProfessionalTrainerUserId = college.ProfessionalTrainer.UserId,
            CreatedAt = now,
            Sessions = days.Select((d, i) => new CourseSession
            {
                Id = Guid.NewGuid(),
                Number = i + 1,
                StartsAt = now.AddDays(d),
                EndsAt = now.AddDays(d).AddHours(2),
            }).ToList(),
        };
        await app.WithDbAsync(async db =>
        {
            db.Add(course);
            await db.SaveChangesAsync();
        });
        return course.Id;
    }

    public static Task<HttpResponseMessage> EnrolAsync(this HttpClient client, Guid courseId, string kind = "PersonUsingServices") =>
        client.SubmitFormAsync($"/college/courses/{courseId}", new Dictionary<string, string> { ["Input.Kind"] = kind }, "handler=Enrol");
}
