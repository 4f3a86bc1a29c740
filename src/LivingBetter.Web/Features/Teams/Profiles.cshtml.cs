using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Teams;

public sealed class ProfilesModel(TeamAccess access, TeamPlanService plans, LivingBetterDbContext db, AuditLog audit)
    : TeamPageModel(access, plans, db, audit)
{
    public List<(string Name, TeamRole Role, MemberProfile Profile)> Profiles { get; private set; } = [];
    public bool HasMine { get; private set; }

    public static IEnumerable<(string Label, string Value)> Fields(MemberProfile p) =>
    [
        ("Things I like", p.Likes),
        ("Interests and hobbies", p.Interests),
        ("Jobs I have done", p.PreviousJobs),
        ("A favourite book, film or music", p.FavouriteBookOrMusic),
        ("My top life tip", p.TopTip),
        ("Anything else", p.AnythingElse),
    ];

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (!await LoadTeamAsync(teamId, ct))
        {
            return NotFound();
        }
        var members = Members.ToDictionary(m => m.UserId);
        var profiles = await Db.Set<MemberProfile>().AsNoTracking().Where(p => p.TeamId == teamId).ToListAsync(ct);
        // Only current members appear: a profile belongs to someone's place in this team.
        Profiles = profiles.Where(p => members.ContainsKey(p.UserId))
            .Select(p => (members[p.UserId].Name, members[p.UserId].Role, p))
            .OrderBy(x => x.Name, StringComparer.CurrentCulture).ToList();
        HasMine = profiles.Any(p => p.UserId == Scope.UserId);
        return Page();
    }
}
