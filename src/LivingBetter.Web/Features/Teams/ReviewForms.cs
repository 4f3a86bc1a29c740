using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LivingBetter.Web.Features.Teams;

public sealed record AttendeesField(IReadOnlyList<TeamPageModel.MemberRow> Members, IReadOnlyCollection<Guid> Selected);

/// <summary>What a review meeting and an annual review both record.</summary>
public class MeetingInput
{
    [Required(ErrorMessage = "Enter the date of the meeting")]
    public string? Date { get; set; }

    public List<Guid> AttendeeUserIds { get; set; } = [];

    [StringLength(ReviewMeeting.NotesMaxLength, ErrorMessage = "Notes must be 4000 characters or fewer")]
    public string? Notes { get; set; }

    /// <summary>Checks the date and that people using the service were there; returns the meeting's date and attendees when all is well.</summary>
    public (DateOnly Date, List<TeamPageModel.MemberRow> Attendees) Validate(ModelStateDictionary state, IReadOnlyList<TeamPageModel.MemberRow> members, DateOnly today)
    {
        var date = NewActionModel.ParseDate(Date);
        if (Date is not null && date is null)
        {
            state.AddModelError("Input.Date", "Date of the meeting must be a real date, like 2027-01-15");
        }
        else if (date > today)
        {
            state.AddModelError("Input.Date", "Date of the meeting must be today or in the past");
        }
        var attendees = members.Where(m => AttendeeUserIds.Contains(m.UserId)).ToList();
        if (!attendees.Any(a => a.Perspective == Perspective.PersonUsingService))
        {
            state.AddModelError("Input.AttendeeUserIds", "Choose at least one person using the service who came: reviews include people using the service");
        }
        return (date ?? today, attendees);
    }
}
