using LivingBetter.Web.Data;
using LivingBetter.Web.Features.OrganisationPlanning;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Workforce;

/// <summary>
/// Peer support worker posts planned for each team, against the peer support workers in post. It
/// is about staff only; nothing here touches people who use services.
/// </summary>
/// <remarks>Board members read the figures; only administrators plan posts or see who is in post (ADR 0018).</remarks>
[PlanningAccess(PlanningRoles.BoardMember)]
public sealed class PeerWorkforceModel(LivingBetterDbContext db) : PlanningPageModel
{
    public const int MaxPosts = 100;

    public sealed record TeamRow(Guid TeamId, string Team, string Division, int Planned, IReadOnlyList<string> InPost)
    {
        public int Gap => Planned - InPost.Count;
    }

    public sealed class PlanInput
    {
        public Guid TeamId { get; set; }
        public string? Planned { get; set; }
    }

    [BindProperty]
    public List<PlanInput> Input { get; set; } = [];

    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        await LoadAsync(ct);
        Input = Rows.Select(r => new PlanInput { TeamId = r.TeamId, Planned = r.Planned.ToString(Infrastructure.Wording.UkCulture) }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var teams = Rows.ToDictionary(r => r.TeamId);
        var numbers = new Dictionary<Guid, int>();
        for (var i = 0; i < Input.Count; i++)
        {
            // An unknown team (another organisation's, or made up) is ignored: nothing of it is saved.
            if (!teams.TryGetValue(Input[i].TeamId, out var row))
            {
                continue;
            }
            var text = Tidy(Input[i].Planned);
            if (text.Length == 0)
            {
                numbers[row.TeamId] = 0;
            }
            else if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= MaxPosts)
            {
                numbers[row.TeamId] = n;
            }
            else
            {
                ModelState.AddModelError($"Input[{i}].Planned", $"Planned posts for {row.Team} must be a whole number from 0 to {MaxPosts}");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var plans = await db.Set<PeerWorkforcePlan>().Where(p => p.OrganisationId == OrganisationId).ToListAsync(ct);
        foreach (var (teamId, planned) in numbers)
        {
            var plan = plans.FirstOrDefault(p => p.TeamId == teamId);
            if (plan is null)
            {
                db.Add(new PeerWorkforcePlan { Id = Guid.NewGuid(), OrganisationId = OrganisationId, TeamId = teamId, PlannedPosts = planned, UpdatedAt = Now });
            }
            else if (plan.PlannedPosts != planned)
            {
                plan.PlannedPosts = planned;
                plan.UpdatedAt = Now;
            }
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/organisation-planning/peer-workforce?saved=true");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == OrganisationId)
            .Select(t => new { t.Id, t.Name, Division = t.Division == null ? "" : t.Division.Name })
            .ToListAsync(ct);
        var planned = await db.Set<PeerWorkforcePlan>().AsNoTracking().Where(p => p.OrganisationId == OrganisationId)
            .ToDictionaryAsync(p => p.TeamId, p => p.PlannedPosts, ct);
        var inPost = await (
                from staff in db.StaffMemberships
                where staff.OrganisationId == OrganisationId && staff.LeftAt == null && staff.JobRole == JobRole.PeerSupportWorker
                join member in db.TeamMemberships on staff.UserId equals member.UserId
                where member.Team!.OrganisationId == OrganisationId
                select new { member.TeamId, staff.User!.DisplayName })
            .AsNoTracking().ToListAsync(ct);
        Rows = teams
            .OrderBy(t => t.Division, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new TeamRow(t.Id, t.Name, t.Division, planned.GetValueOrDefault(t.Id),
                inPost.Where(p => p.TeamId == t.Id).Select(p => p.DisplayName).Order(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
    }
}

public sealed class PeerWorkforcePlanConfiguration : IEntityTypeConfiguration<PeerWorkforcePlan>
{
    public void Configure(EntityTypeBuilder<PeerWorkforcePlan> e)
    {
        e.ToTable("PeerWorkforcePlans");
        e.HasIndex(p => new { p.OrganisationId, p.TeamId }).IsUnique();
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
