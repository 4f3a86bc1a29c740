using LivingBetter.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Teams;

public sealed class IndexModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public sealed record TeamRow(Guid Id, string Name, string? Division, string? Locality, int Members, int PeopleSupported);

    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = Scope.OrganisationId;
        Rows = await db.Teams.AsNoTracking()
            .Where(t => t.OrganisationId == org)
            .OrderBy(t => t.Name)
            .Select(t => new TeamRow(t.Id, t.Name,
                t.Division == null ? null : t.Division.Name,
                t.Locality == null ? null : t.Locality.Name,
                t.Members.Count,
                db.CareEpisodes.Where(c => c.TeamId == t.Id && c.EndedAt == null).Select(c => c.PersonId).Distinct().Count()))
            .ToListAsync(ct);
    }
}
