using System.Globalization;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.College.Manage;

/// <summary>
/// The course's organisation's administrators change a course with the same rules as adding one, and can
/// replace a trainer (for example one who closed their account). Places may not fall below those already
/// taken; extra places go to the waiting list in order; everyone booked is told when dates or the place change.
/// </summary>
public sealed class EditCourseModel(LivingBetterDbContext db, CurrentUser user, CollegeService college, TimeProvider time, AuditLog audit)
    : PageModel, ICourseForm
{
    [BindProperty]
    public CourseInput Input { get; set; } = new();

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";

    private async Task<Course?> LoadAsync(Guid id, CancellationToken ct)
    {
        var course = await db.Set<Course>().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null || course.WithdrawnAt is not null || !await college.MayManageAsync(user, course, ct))
        {
            return null;
        }
        Id = id;
        Title = course.Title;
        return course;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var course = await LoadAsync(id, ct);
        if (course is null)
        {
            return NotFound();
        }
        var trainerIds = new[] { course.LivedExperienceTrainerUserId, course.ProfessionalTrainerUserId };
        var emails = await db.Users.Where(u => trainerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        Input = new CourseInput
        {
            OrganisationId = course.OrganisationId.ToString(),
            Title = course.Title,
            Description = course.Description,
            ForPeople = course.Audience.HasFlag(CourseAudience.PeopleUsingServices),
            ForCarers = course.Audience.HasFlag(CourseAudience.Carers),
            ForFamilies = course.Audience.HasFlag(CourseAudience.Families),
            ForStaff = course.Audience.HasFlag(CourseAudience.Staff),
            TrainsPlanWritingFacilitators = course.TrainsPlanWritingFacilitators,
            Place = course.Place,
            Capacity = course.Capacity.ToString(CultureInfo.InvariantCulture),
            // A trainer who closed their account has no address: the field starts empty, asking for a replacement.
            LivedExperienceTrainerEmail = emails.GetValueOrDefault(course.LivedExperienceTrainerUserId),
            ProfessionalTrainerEmail = emails.GetValueOrDefault(course.ProfessionalTrainerUserId),
            SessionsForCertificate = course.SessionsForCertificate.ToString(CultureInfo.InvariantCulture),
            Sessions = course.Sessions.OrderBy(s => s.Number).Select(s =>
            {
                var start = UkTime.ToUk(s.StartsAt);
                var end = UkTime.ToUk(s.EndsAt);
                return new SessionInput
                {
                    Date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Start = start.ToString("HH:mm", CultureInfo.InvariantCulture),
                    End = end.ToString("HH:mm", CultureInfo.InvariantCulture),
                };
            }).ToList(),
        };
        CourseForm.PadSessions(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var course = await LoadAsync(id, ct);
        if (course is null)
        {
            return NotFound();
        }
        // The organisation running a course never changes.
        Input.OrganisationId = course.OrganisationId.ToString();
        CourseForm.PadSessions(Input);
        var (draft, errors) = await CourseForm.ValidateAsync(db, Input, [course.OrganisationId.ToString()], ct);
        var taken = await db.Set<Enrolment>().CountAsync(e => e.CourseId == id && e.Status == EnrolmentStatus.Enrolled, ct);
        if (draft is not null && draft.Capacity < taken)
        {
            errors.Add(("Input.Capacity", $"{taken} places are already taken: enter a number of places of at least {taken}, or cancel some places first"));
        }
        var existing = course.Sessions.OrderBy(s => s.Number).ToList();
        if (draft is not null && draft.Sessions.Count < existing.Count)
        {
            var removed = existing.Skip(draft.Sessions.Count).Select(s => s.Id).ToList();
            var withRegister = await db.Set<SessionAttendance>().Where(a => removed.Contains(a.SessionId))
                .Select(a => a.SessionId).Distinct().ToListAsync(ct);
            foreach (var session in existing.Where(s => withRegister.Contains(s.Id)))
            {
                errors.Add(($"Input.Sessions[{session.Number - 1}].Date",
                    $"Session {session.Number} already has attendance recorded, so it cannot be removed: enter its date and times again"));
            }
        }
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || draft is null)
        {
            return Page();
        }

        var datesChanged = draft.Sessions.Count != existing.Count;
        var oldPlace = course.Place;
        course.Title = draft.Title;
        course.Description = draft.Description;
        course.Audience = draft.Audience;
        course.Place = draft.Place;
        course.Capacity = draft.Capacity;
        course.SessionsForCertificate = draft.SessionsForCertificate;
        course.LivedExperienceTrainerUserId = draft.LivedExperienceTrainerUserId;
        course.ProfessionalTrainerUserId = draft.ProfessionalTrainerUserId;
        course.TrainsPlanWritingFacilitators = draft.TrainsPlanWritingFacilitators;
        // Sessions keep their ids (and so their registers) by position; extra rows become new sessions.
        for (var i = 0; i < draft.Sessions.Count; i++)
        {
            if (i < existing.Count)
            {
                // The form shows times to the minute, so a session shown and sent back unchanged keeps its exact times.
                if (!SameMinute(existing[i].StartsAt, draft.Sessions[i].StartsAt) || !SameMinute(existing[i].EndsAt, draft.Sessions[i].EndsAt))
                {
                    existing[i].StartsAt = draft.Sessions[i].StartsAt;
                    existing[i].EndsAt = draft.Sessions[i].EndsAt;
                    datesChanged = true;
                }
            }
            else
            {
                var added = draft.Sessions[i];
                added.CourseId = course.Id;
                db.Add(added);
            }
        }
        foreach (var gone in existing.Skip(draft.Sessions.Count))
        {
            db.Remove(gone);
        }

        // New places go to the waiting list in the order people asked.
        var now = time.GetUtcNow();
        var promoted = await college.PromoteFromWaitingListAsync(id, draft.Capacity - taken, now, ct);
        course.EnrolmentVersion++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Bookings on this course changed while you were editing it. Nothing has been saved: check the number of places and save again.");
            db.ChangeTracker.Clear();
            return Page();
        }
        await audit.RecordAsync(null, "college-course-edited", "College", ct: ct);

        var placeChanged = !string.Equals(oldPlace, course.Place, StringComparison.Ordinal);
        await college.EmailAsync(promoted.Select(e => e.UserId).ToList(), $"A place is free for you on {course.Title}",
            $"Good news: the college has added places to \"{course.Title}\" and one is yours.\n\n"
            + "You can see the dates and place on your Recovery College page (My courses). "
            + "If you can no longer come, please cancel there so someone else can have the place.", ct);
        if (datesChanged || placeChanged)
        {
            var booked = await db.Set<Enrolment>()
                .Where(e => e.CourseId == id && e.Status != EnrolmentStatus.Cancelled)
                .Select(e => e.UserId).ToListAsync(ct);
            var what = datesChanged && placeChanged ? "dates and place" : datesChanged ? "dates" : "place";
            var sessions = string.Join("\n", course.Sessions.OrderBy(s => s.StartsAt).Select(s => "- " + UkTime.Session(s)));
            await college.EmailAsync(booked, $"Changed {what}: {course.Title}",
                $"The Recovery College has changed the {what} of \"{course.Title}\", which you are booked on or waiting for.\n\n"
                + $"Where: {course.Place}\n\nSessions (UK time):\n{sessions}\n\n"
                + "If you can no longer come, please cancel on your Recovery College page (My courses) so someone else can have the place.", ct);
        }
        return Redirect($"/college/manage/courses/{id}?done=edited");
    }

    private static bool SameMinute(DateTimeOffset a, DateTimeOffset b) => a.ToUnixTimeSeconds() / 60 == b.ToUnixTimeSeconds() / 60;
}
