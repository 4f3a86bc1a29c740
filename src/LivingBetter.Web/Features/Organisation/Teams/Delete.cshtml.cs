using LivingBetter.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Teams;

public sealed class DeleteModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public string TeamName { get; private set; } = "";
    public string? Blocker { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Blocker is not null)
        {
            return Page();
        }
        // Deleting a team cascades to care episodes and to what people chose to share with it. Those
        // belong to people, not to the organisation, so the delete only happens while there are none,
        // checked again in the same statement in case someone joined in the meantime.
        var deleted = await db.Teams
            .Where(t => t.Id == id
                && !db.TeamMemberships.Any(m => m.TeamId == id)
                && !db.CareEpisodes.Any(c => c.TeamId == id)
                && !db.SharingGrants.Any(g => g.GranteeTeamId == id))
            .ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            await LoadAsync(id, ct);
            Blocker ??= $"{TeamName} could not be deleted. Try again.";
            return Page();
        }
        TempData["Success"] = $"Deleted {TeamName}.";
        return Redirect("/organisation/teams");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new
            {
                t.Name,
                t.OrganisationId,
                Members = db.TeamMemberships.Count(m => m.TeamId == id),
                Episodes = db.CareEpisodes.Count(c => c.TeamId == id),
                Shares = db.SharingGrants.Count(g => g.GranteeTeamId == id),
            })
            .FirstOrDefaultAsync(ct);
        if (team is null || !Scope.Administers(team.OrganisationId))
        {
            return false;
        }
        TeamName = team.Name;
        Blocker =
            team.Members > 0 ? $"You cannot delete {team.Name} because it still has {Plural(team.Members, "member")}. Remove everyone from the team first."
            : team.Episodes > 0 ? $"You cannot delete {team.Name} because it has supported people ({Plural(team.Episodes, "care episode")}). Their records must be kept."
            : team.Shares > 0 ? $"You cannot delete {team.Name} because people have shared parts of their plans with it."
            : null;
        return true;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
