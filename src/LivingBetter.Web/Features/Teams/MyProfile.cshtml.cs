using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

/// <summary>Each member edits only their own profile; nobody else can change it.</summary>
public sealed class MyProfileModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit, TimeProvider time)
    : TeamPageModel(access, plans, db, audit)
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public sealed class ProfileInput
    {
        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "Things I like must be 500 characters or fewer")]
        public string? Likes { get; set; }

        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "Interests and hobbies must be 500 characters or fewer")]
        public string? Interests { get; set; }

        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "Jobs I have done must be 500 characters or fewer")]
        public string? PreviousJobs { get; set; }

        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "A favourite book, film or music must be 500 characters or fewer")]
        public string? FavouriteBookOrMusic { get; set; }

        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "My top life tip must be 500 characters or fewer")]
        public string? TopTip { get; set; }

        [StringLength(MemberProfile.FieldMaxLength, ErrorMessage = "Anything else must be 500 characters or fewer")]
        public string? AnythingElse { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct) || !Scope.IsMember)
        {
            return NotFound();
        }
        var p = await Db.Set<MemberProfile>().AsNoTracking().FirstOrDefaultAsync(x => x.TeamId == teamId && x.UserId == Scope.UserId, ct);
        if (p is not null)
        {
            Input = new ProfileInput { Likes = p.Likes, Interests = p.Interests, PreviousJobs = p.PreviousJobs, FavouriteBookOrMusic = p.FavouriteBookOrMusic, TopTip = p.TopTip, AnythingElse = p.AnythingElse };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct) || !Scope.IsMember)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var p = await Db.Set<MemberProfile>().FirstOrDefaultAsync(x => x.TeamId == teamId && x.UserId == Scope.UserId, ct);
        string[] values = [Input.Likes ?? "", Input.Interests ?? "", Input.PreviousJobs ?? "", Input.FavouriteBookOrMusic ?? "", Input.TopTip ?? "", Input.AnythingElse ?? ""];
        if (values.All(string.IsNullOrWhiteSpace))
        {
            if (p is not null)
            {
                Db.Remove(p);
            }
        }
        else
        {
            if (p is null)
            {
                p = new MemberProfile { Id = Guid.NewGuid(), TeamId = teamId, UserId = Scope.UserId };
                Db.Add(p);
            }
            p.Likes = values[0].Trim();
            p.Interests = values[1].Trim();
            p.PreviousJobs = values[2].Trim();
            p.FavouriteBookOrMusic = values[3].Trim();
            p.TopTip = values[4].Trim();
            p.AnythingElse = values[5].Trim();
            p.UpdatedAt = time.GetUtcNow();
        }
        await Db.SaveChangesAsync(ct);
        await RecordAsync("profile-saved", ct);
        return Redirect($"{Scope.Base}/profiles");
    }
}
