using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(CurrentUser current, LivingBetterDbContext db, TimeProvider time) : PageModel
{
    public bool Signedin { get; private set; }
    public bool Welcome { get; private set; }
    public string DisplayName { get; private set; } = "";
    public PersonSummary? Person { get; private set; }
    public IReadOnlyList<StaffTeam> StaffTeams { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public bool TwoFactorOn { get; private set; }

    public sealed record PersonSummary(IReadOnlyList<string> Teams);

    public sealed record StaffTeam(string Name, string Role, int PeopleSupported);

    public async Task OnGetAsync(bool welcome, CancellationToken ct)
    {
        Signedin = current.IsSignedIn;
        if (!Signedin)
        {
            return;
        }
        Welcome = welcome;
        DisplayName = current.DisplayName;
        var userId = current.RequiredId;
        var now = time.GetUtcNow();
        TwoFactorOn = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(ct);
        IsAdmin = current.IsInRole(Roles.OrgAdmin);

        var person = await db.People.AsNoTracking().Where(p => p.UserId == userId).Select(p => new
        {
            Teams = p.CareEpisodes.Where(c => c.EndedAt == null || c.EndedAt > now).Select(c => c.Team!.Name).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (person is not null)
        {
            Person = new PersonSummary(person.Teams.Order().ToList());
        }

        StaffTeams = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .OrderBy(m => m.Team!.Name)
            .Select(m => new StaffTeam(
                m.Team!.Name,
                m.Role == TeamRole.TeamLead ? "Team lead" : "Staff",
                db.CareEpisodes.Count(c => c.TeamId == m.TeamId && (c.EndedAt == null || c.EndedAt > now))))
            .ToListAsync(ct);
    }
}
