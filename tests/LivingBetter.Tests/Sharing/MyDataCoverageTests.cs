using System.IO.Compression;
using System.Net;
using LivingBetter.Tests.College;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.MyData;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace LivingBetter.Tests.Sharing;

/// <summary>
/// "Download my data" and closing an account account for every column of the model that points at a person
/// or an account, so a feature that adds one cannot forget either.
/// </summary>
public sealed class MyDataCoverageTests
{
    /// <summary>Every column holding a person's or an account's id: a foreign key to either, or a Guid named like one.</summary>
    private static List<(IEntityType Entity, IProperty Property, MyDataKeyKind Kind)> PersonAndAccountColumns(LivingBetterDbContext db)
    {
        var found = new List<(IEntityType, IProperty, MyDataKeyKind)>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)))
            {
                if ((entity.ClrType == typeof(Person) || entity.ClrType == typeof(AppUser)) && property.IsPrimaryKey())
                {
                    continue;
                }
                var principals = property.GetContainingForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType).ToList();
                if (principals.Contains(typeof(Person)) || property.Name.EndsWith("PersonId", StringComparison.Ordinal))
                {
                    found.Add((entity, property, MyDataKeyKind.Person));
                }
                else if (principals.Contains(typeof(AppUser)) || property.Name.EndsWith("UserId", StringComparison.Ordinal))
                {
                    found.Add((entity, property, MyDataKeyKind.User));
                }
            }
        }
        return found;
    }

    [Fact]
    public async Task EveryPersonOrAccountColumn_InTheModel_IsInTheDownloadAndHandledOnClose()
    {
        using var app = new LivingBetterApp();
        var sections = app.Services.GetServices<IMyDataSection>().ToList();
        var columns = await app.WithDbAsync(db => Task.FromResult(PersonAndAccountColumns(db)));

        Assert.True(columns.Count > 40, $"Only {columns.Count} columns found: the search for person and account columns is broken.");
        var missing = columns
            .Where(c => !sections.Any(s => s.Entity == c.Entity.ClrType && s.Keys.Contains(c.Property.Name)))
            .Select(c => $"{c.Entity.ClrType.Name}.{c.Property.Name} ({c.Kind})")
            .ToList();
        Assert.True(missing.Count == 0,
            "These columns point at a person or an account but neither \"download my data\" nor closing an account knows them. "
            + "Add each to Features/MyData/MyDataSetup.cs with AddPersonData or AddUserData, saying what closing does:\n  " + string.Join("\n  ", missing));
        var duplicateNames = sections.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicateNames.Count == 0, "Two sections of the download share a name: " + string.Join(", ", duplicateNames));
        var stale = sections.SelectMany(s => s.Keys.Select(k => (s.Entity, Key: k)))
            .Where(k => !columns.Any(c => c.Entity.ClrType == k.Entity && c.Property.Name == k.Key))
            .Select(k => $"{k.Entity.Name}.{k.Key}").ToList();
        Assert.True(stale.Count == 0, "These sections name columns the model does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Download_PersonWithPlansAndCollegeAndTeamLife_ZipHoldsJsonAndBothPlanPdfsAndEveryRowAboutThem()
    {
        using var app = new LivingBetterApp();
        var (person, _) = await BuildEverythingAsync(app);
        var client = await app.SignInAsync(person);

        var response = await client.GetAsync("/my-data?handler=download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["my-data.json", "staying-well-plan.pdf", "wellbeing-plan.pdf"], zip.Entries.Select(e => e.FullName).Order().ToArray());
        var json = await new StreamReader(zip.GetEntry("my-data.json")!.Open()).ReadToEndAsync();
        using (var pdf = PdfDocument.Open(ReadAll(zip.GetEntry("staying-well-plan.pdf")!)))
        {
            Assert.Contains("MARKER-zip-crisis", string.Join(" ", pdf.GetPages().Select(p => p.Text)));
        }
        using (var pdf = PdfDocument.Open(ReadAll(zip.GetEntry("wellbeing-plan.pdf")!)))
        {
            Assert.Contains("Juno Fairweather", string.Join(" ", pdf.GetPages().Select(p => p.Text)));
        }

        // Every row that points at them, whatever the feature, is in the JSON by its key.
        var missing = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<LivingBetterDbContext>();
            var gaps = new List<string>();
            foreach (var (entity, property, kind) in PersonAndAccountColumns(db))
            {
                var id = kind == MyDataKeyKind.Person ? person.PersonId!.Value : person.UserId;
                foreach (var key in await RowKeysAsync(db, entity, property.Name, id))
                {
                    if (!json.Contains(key, StringComparison.OrdinalIgnoreCase))
                    {
                        gaps.Add($"{entity.ClrType.Name} {key} (by {property.Name})");
                    }
                }
            }
            return gaps;
        });
        Assert.True(missing.Count == 0, "Rows about them missing from the download:\n  " + string.Join("\n  ", missing));
        Assert.Contains("\"collegeEnrolments\"", json, StringComparison.Ordinal);
        Assert.Contains("Kind words about the walking group", json, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AuthenticatorKey\",\"value", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CloseAccount_TrainerWithCourseStillToRun_ClosesKeepsCourseWithFormerTrainerAndTellsTheCollege()
    {
        using var app = new LivingBetterApp();
        var (person, college) = await BuildEverythingAsync(app);
        var client = await app.SignInAsync(person);

        var page = (await client.GetPageAsync("/my-data/close")).MainText();
        Assert.Contains("Courses you train", page);
        Assert.Contains("Walking back to wellbeing", page);
        Assert.Contains("The record of who looked at or changed your information", page);

        var closed = await client.SubmitFormAsync("/my-data/close", new Dictionary<string, string> { ["Input.Password"] = LivingBetterApp.Password });
        Assert.Equal("/my-data/closed", closed.Headers.Location?.OriginalString);

        var mail = app.Email.LastTo(college.Admin.Email);
        Assert.Contains("Walking back to wellbeing", mail.Subject);
        Assert.DoesNotContain("Juno", mail.TextBody);

        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<LivingBetterDbContext>();
            var sections = sp.GetServices<IMyDataSection>().ToList();
            var left = new List<string>();
            foreach (var (entity, property, kind) in PersonAndAccountColumns(db))
            {
                var id = kind == MyDataKeyKind.Person ? person.PersonId!.Value : person.UserId;
                var keep = sections.Any(s => s.Entity == entity.ClrType && s.Keys.Contains(property.Name) && s.OnClose == OnClose.Keep);
                var count = (await RowKeysAsync(db, entity, property.Name, id)).Count;
                if (count > 0 && !keep)
                {
                    left.Add($"{entity.ClrType.Name}.{property.Name}: {count}");
                }
            }
            Assert.True(left.Count == 0, "Rows still pointing at the closed account:\n  " + string.Join("\n  ", left));
            var course = await db.Set<Course>().Include(c => c.LivedExperienceTrainer).SingleAsync(c => c.Title == "Walking back to wellbeing");
            Assert.Equal(FormerUser.DisplayName, course.LivedExperienceTrainer!.DisplayName);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.PersonId == person.PersonId && a.Action == "account.close"));
            Assert.Equal(0, await AuditCommands.VerifyAsync(db, TextWriter.Null));
            return 0;
        });
        // The course page still shows the course, with its other trainer, and never a 500.
        var courseId = await app.WithDbAsync(db => db.Set<Course>().Where(c => c.Title == "Walking back to wellbeing").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync($"/college/courses/{courseId}")).StatusCode);
    }

    [Fact]
    public async Task FormerUser_AfterAnAccountCloses_CannotSignIn()
    {
        using var app = new LivingBetterApp();
        var (person, _) = await BuildEverythingAsync(app);
        var client = await app.SignInAsync(person);
        await client.SubmitFormAsync("/my-data/close", new Dictionary<string, string> { ["Input.Password"] = LivingBetterApp.Password });

        var attempt = await app.NewClient().SubmitFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "former-user",
            ["Input.Password"] = "",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, attempt.StatusCode);
    }

    private static MemoryStream ReadAll(ZipArchiveEntry entry)
    {
        var copy = new MemoryStream();
        using (var s = entry.Open())
        {
            s.CopyTo(copy);
        }
        copy.Position = 0;
        return copy;
    }

    private static async Task<List<string>> RowKeysAsync(LivingBetterDbContext db, IEntityType entity, string property, Guid id)
    {
        var method = typeof(MyDataCoverageTests).GetMethod(nameof(RowKeysOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType);
        return await (Task<List<string>>)method.Invoke(null, [db, entity, property, id])!;
    }

    private static async Task<List<string>> RowKeysOfAsync<T>(LivingBetterDbContext db, IEntityType entity, string property, Guid id)
        where T : class
    {
        var rows = await db.Set<T>().AsNoTracking().ToListAsync();
        var prop = entity.FindProperty(property)!.PropertyInfo!;
        var key = entity.FindPrimaryKey()!.Properties.Where(p => p.Name != property).Select(p => p.PropertyInfo!).ToList();
        return rows.Where(r => Equals(prop.GetValue(r), id) || (prop.GetValue(r) is Guid g && g == id))
            .Select(r => key.Count == 0 ? id.ToString() : string.Join("|", key.Select(k => Convert.ToString(k.GetValue(r), System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
    }

    /// <summary>
    /// Juno: a person with both plans, a supporter, a check-in schedule, a community resource and a note on
    /// it, enrolled on one course (with feedback and attendance), a trainer of another still to run, a
    /// member of a team plan with an asset and a profile, and someone whose access has been logged.
    /// </summary>
    private static async Task<(Actor Person, CollegeTestData.College College)> BuildEverythingAsync(LivingBetterApp app)
    {
        var college = await app.CreateCollegeAsync();
        var person = await app.CreatePersonAsync("Juno Fairweather");
        var personId = person.PersonId!.Value;
        await app.AddPlanWithMarkerAsync(personId, "MARKER-zip-crisis");
        var supporter = await app.CreateSupporterAsync(personId);
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CrisisPlan);
        await (await app.SignInAsync(supporter)).GetAsync($"/people/{personId}");

        var attended = await app.CreateCourseAsync(college, title: "Starting out", sessionDays: [-20, -13]);
        var trained = await app.CreateCourseAsync(college, title: "Walking back to wellbeing", sessionDays: [5, 12]);
        await app.WithDbAsync(async db =>
        {
            var now = app.Time.GetUtcNow();
            db.Plans.Add(new Plan { Id = Guid.NewGuid(), PersonId = personId, Kind = PlanKind.Wellbeing, CreatedAt = now, UpdatedAt = now });
            var course = await db.Set<Course>().SingleAsync(c => c.Id == trained);
            course.LivedExperienceTrainerUserId = person.UserId;
            var sessions = await db.Set<CourseSession>().Where(s => s.CourseId == attended).ToListAsync();
            var enrolment = new Enrolment { Id = Guid.NewGuid(), CourseId = attended, UserId = person.UserId, Kind = AttendeeKind.PersonUsingServices, Status = EnrolmentStatus.Enrolled, RequestedAt = now.AddDays(-30), PlaceGivenAt = now.AddDays(-30) };
            db.Add(enrolment);
            db.AddRange(sessions.Select(s => new SessionAttendance { Id = Guid.NewGuid(), SessionId = s.Id, EnrolmentId = enrolment.Id, Attended = true, RecordedByUserId = college.ProfessionalTrainer.UserId, RecordedAt = s.EndsAt }));
            db.Add(new CourseFeedback { Id = Guid.NewGuid(), CourseId = attended, UserId = person.UserId, MostUseful = "Meeting others", WouldChange = "Longer tea breaks", HopeAndControl = 4, SubmittedAt = now });
            db.Add(new TrainingRecord { Id = Guid.NewGuid(), OrganisationId = college.OrganisationId, UserId = person.UserId, Kind = TrainingRecord.CollegeTrainer, CompletedOn = now.AddDays(-40), RecordedByUserId = college.Admin.UserId, RecordedAt = now });
            var resource = new CommunityResource { Id = Guid.NewGuid(), Name = "Riverside walking group", Category = ResourceCategory.CommunityGroup, CreatedAt = now };
            db.Add(resource);
            db.Add(new ResourceNote { Id = Guid.NewGuid(), ResourceId = resource.Id, AuthorUserId = person.UserId, Text = "Kind words about the walking group", CreatedAt = now });
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = personId, ResourceId = resource.Id, Status = ResourceLinkStatus.Linked, CreatedAt = now });
            db.Add(new CheckInSchedule { PersonId = personId, EveryDays = 14, UpdatedAt = now });
            db.TeamMemberships.Add(new TeamMembership { Id = Guid.NewGuid(), TeamId = college.TeamId, UserId = person.UserId, Role = TeamRole.PersonUsingService, JoinedAt = now });
            db.Add(new TeamAsset { Id = Guid.NewGuid(), TeamId = college.TeamId, OwnerUserId = person.UserId, Kind = AssetKind.Skill, Text = "I can play the fiddle", Visibility = AssetVisibility.Team, CreatedAt = now });
            db.Add(new MemberProfile { Id = Guid.NewGuid(), TeamId = college.TeamId, UserId = person.UserId, Likes = "Long walks", UpdatedAt = now });
            await db.SaveChangesAsync();
        });
        return (person, college);
    }
}
