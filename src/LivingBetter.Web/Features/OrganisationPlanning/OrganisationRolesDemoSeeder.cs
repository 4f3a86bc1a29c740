using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.OrganisationPlanning;

/// <summary>
/// The demo division lead (Adult Mental Health Services, whose action plan and self-assessment the
/// planning seeder writes) and the demo board member: staff of the organisation in no team, so that
/// what they see comes only from their organisation roles.
/// </summary>
public sealed class OrganisationRolesDemoSeeder : IDemoSeeder
{
    public const string LeadDivision = "Adult Mental Health Services";

    public int Order => 54;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var org = context.Organisation;
        var division = await db.Divisions.FirstAsync(d => d.OrganisationId == org.Id && d.Name == LeadDivision, ct);
        foreach (var (account, kind) in new[] { (DemoAccounts.DivisionLead, OrganisationRoleKind.DivisionLead), (DemoAccounts.BoardMember, OrganisationRoleKind.BoardMember) })
        {
            var user = await DemoSetup.CreateDemoAccountAsync(context, account);
            var membership = new StaffMembership
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                UserId = user.Id,
                JobRole = JobRole.Manager,
                JoinedAt = context.HistoryStart,
            };
            db.StaffMemberships.Add(membership);
            db.Add(new OrganisationRole
            {
                Id = Guid.NewGuid(),
                StaffMembershipId = membership.Id,
                Kind = kind,
                DivisionId = kind == OrganisationRoleKind.DivisionLead ? division.Id : null,
                GrantedAt = context.HistoryStart,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
