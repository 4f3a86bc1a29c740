using LivingBetter.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation;

public sealed class OverviewModel(LivingBetterDbContext db) : OrganisationAdminPageModel
{
    public int Divisions { get; private set; }
    public int Localities { get; private set; }
    public int Teams { get; private set; }
    public int Staff { get; private set; }
    public int PeopleSupported { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = Scope.OrganisationId;
        Divisions = await db.Divisions.CountAsync(d => d.OrganisationId == org, ct);
        Localities = await db.Localities.CountAsync(l => l.OrganisationId == org, ct);
        Teams = await db.Teams.CountAsync(t => t.OrganisationId == org, ct);
        Staff = await db.StaffMemberships.CountAsync(m => m.OrganisationId == org && m.LeftAt == null, ct);
        // A person supported by two of our teams is still one person.
        PeopleSupported = await db.CareEpisodes
            .Where(c => c.EndedAt == null && c.Team!.OrganisationId == org)
            .Select(c => c.PersonId).Distinct().CountAsync(ct);
    }
}
