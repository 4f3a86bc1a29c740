using LivingBetter.Web.Features.Outcomes;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RoleNames = LivingBetter.Web.Model.Roles;

namespace LivingBetter.Web.Data;

/// <summary>
/// The one database context. Each provider has a subclass that owns its migrations
/// (see docs/decisions/0002-migrations-per-provider.md); features use this base type.
/// </summary>
public class LivingBetterDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Locality> Localities => Set<Locality>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<CareEpisode> CareEpisodes => Set<CareEpisode>();
    public DbSet<SupporterLink> SupporterLinks => Set<SupporterLink>();
    public DbSet<SharingGrant> SharingGrants => Set<SharingGrant>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<StartedRecord> StartedRecords => Set<StartedRecord>();
    public DbSet<ImportedRecord> ImportedRecords => Set<ImportedRecord>();
    public DbSet<ImportedConsent> ImportedConsents => Set<ImportedConsent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanSection> PlanSections => Set<PlanSection>();
    public DbSet<PlanSectionVersion> PlanSectionVersions => Set<PlanSectionVersion>();
    public DbSet<LifeDomain> LifeDomains => Set<LifeDomain>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<CheckInRating> CheckInRatings => Set<CheckInRating>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves, and when check-ins, ratings or measure responses changed, brings the owners' outcome summaries up
    /// to date in the same transaction (see <see cref="OutcomeSummaries"/>), so a report never disagrees with the records.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var summaries = await OutcomeSummaries.PendingAsync(this, cancellationToken);
        if (summaries.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var owns = Database.CurrentTransaction is null;
        await using var tx = owns ? await Database.BeginTransactionAsync(cancellationToken) : null;
        int saved;
        // In a transaction of our own a failed save is rolled back whole, so EF Core's savepoint around it (two more
        // round trips on every check-in saved) would protect nothing.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = savepoints && !owns;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
        await OutcomeSummaries.ApplyAsync(this, summaries, cancellationToken);
        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var summaries = OutcomeSummaries.Pending(this);
        if (summaries.IsEmpty)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        var owns = Database.CurrentTransaction is null;
        using var tx = owns ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        OutcomeSummaries.Apply(this, summaries);
        tx?.Commit();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Features that own entities configure them with IEntityTypeConfiguration<T> in their folder.
        builder.ApplyConfigurationsFromAssembly(typeof(LivingBetterDbContext).Assembly);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        });

        builder.Entity<AppRole>().HasData(RoleNames.All.Select(name => new AppRole
        {
            Id = RoleNames.Ids[name],
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = RoleNames.Ids[name].ToString(),
        }));

        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
            e.Property(o => o.StayingWellPlanLabel).HasMaxLength(60);
            e.Property(o => o.WheelScaleLowLabel).HasMaxLength(60);
            e.Property(o => o.WheelScaleHighLabel).HasMaxLength(60);
            e.HasIndex(o => o.Name).IsUnique();
        });

        builder.Entity<Division>(e =>
        {
            e.Property(d => d.Name).HasMaxLength(Organisation.NameMaxLength);
            e.HasIndex(d => new { d.OrganisationId, d.Name }).IsUnique();
        });

        builder.Entity<Locality>(e =>
        {
            e.Property(l => l.Name).HasMaxLength(Organisation.NameMaxLength);
            e.HasIndex(l => new { l.OrganisationId, l.Name }).IsUnique();
        });

        builder.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
            e.Property(t => t.Description).HasMaxLength(Team.DescriptionMaxLength);
            e.HasIndex(t => new { t.OrganisationId, t.Name }).IsUnique();
            e.HasOne(t => t.Division).WithMany().OnDelete(DeleteBehavior.SetNull);
            e.HasOne(t => t.Locality).WithMany().OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<StaffMembership>(e =>
        {
            e.HasIndex(m => new { m.OrganisationId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.Property(m => m.JobRole).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<TeamMembership>(e =>
        {
            e.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(30);
        });

        builder.Entity<Person>(e =>
        {
            e.Property(p => p.PreferredName).HasMaxLength(Person.NameMaxLength);
            e.Property(p => p.Gender).HasMaxLength(40);
            e.Property(p => p.Ethnicity).HasMaxLength(60);
            e.HasIndex(p => p.UserId).IsUnique();
            e.HasOne(p => p.User).WithOne().HasForeignKey<Person>(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<CareEpisode>(e =>
        {
            e.HasIndex(c => new { c.PersonId, c.TeamId });
            e.HasIndex(c => c.TeamId);
            e.HasOne(c => c.CareCoordinator).WithMany().HasForeignKey(c => c.CareCoordinatorUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<SupporterLink>(e =>
        {
            e.Property(s => s.Relationship).HasMaxLength(SupporterLink.RelationshipMaxLength);
            e.HasIndex(s => new { s.PersonId, s.SupporterUserId }).IsUnique();
            e.HasIndex(s => s.SupporterUserId);
            e.HasOne(s => s.Supporter).WithMany().HasForeignKey(s => s.SupporterUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SharingGrant>(e =>
        {
            e.HasIndex(g => new { g.PersonId, g.Part });
            e.HasIndex(g => g.GranteeUserId);
            e.HasIndex(g => g.GranteeTeamId);
            e.Property(g => g.Part).HasConversion<string>().HasMaxLength(30);
            e.Property(g => g.Access).HasConversion<string>().HasMaxLength(20);
            e.HasOne(g => g.GranteeUser).WithMany().HasForeignKey(g => g.GranteeUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(g => g.GranteeTeam).WithMany().HasForeignKey(g => g.GranteeTeamId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(e =>
        {
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.Relationship).HasMaxLength(SupporterLink.RelationshipMaxLength);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.JobRole).HasConversion<string>().HasMaxLength(40);
            e.Property(i => i.TeamRole).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasIndex(i => new { i.PersonId, i.Kind });
        });

        builder.Entity<StartedRecord>(e =>
        {
            e.Property(r => r.FullName).HasMaxLength(StartedRecord.FullNameMaxLength);
            e.HasIndex(r => r.PersonId).IsUnique();
            e.HasIndex(r => r.TeamId);
            e.HasIndex(r => r.StartedByUserId);
            e.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Team).WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.StartedBy).WithMany().HasForeignKey(r => r.StartedByUserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ImportedRecord>(e =>
        {
            e.Property(r => r.Source).HasMaxLength(ImportedRecord.SourceMaxLength);
            e.Property(r => r.SourcePatientId).HasMaxLength(64);
            e.HasIndex(r => r.PersonId).IsUnique();
            e.HasIndex(r => r.ImportedByUserId);
            e.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.ImportedBy).WithMany().HasForeignKey(r => r.ImportedByUserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ImportedConsent>(e =>
        {
            e.Property(c => c.Part).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Access).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => c.PersonId);
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorRole).HasMaxLength(40);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.Part).HasMaxLength(AuditEntry.PartMaxLength);
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.Via).HasMaxLength(ApiToken.NameMaxLength);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => new { a.PersonId, a.At });
            // No two entries may follow the same one, so the chain cannot fork (ADR 0015): AuditLog.ChainIndexName.
            e.HasIndex(a => a.PreviousHash).IsUnique();
        });

        builder.Entity<Plan>(e =>
        {
            e.HasIndex(p => new { p.PersonId, p.Kind }).IsUnique();
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<PlanSection>(e =>
        {
            e.Property(s => s.Key).HasMaxLength(40);
            e.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.PlanId, s.Key }).IsUnique();
        });

        builder.Entity<PlanSectionVersion>(e =>
        {
            e.Property(v => v.Reason).HasMaxLength(120);
            e.HasIndex(v => new { v.SectionId, v.Number }).IsUnique();
        });

        builder.Entity<LifeDomain>(e =>
        {
            e.Property(d => d.Key).HasMaxLength(40);
            e.Property(d => d.Name).HasMaxLength(60);
            e.Property(d => d.Description).HasMaxLength(200);
            e.HasIndex(d => new { d.OrganisationId, d.Key }).IsUnique();
        });

        builder.Entity<CheckIn>(e =>
        {
            e.Property(c => c.Note).HasMaxLength(CheckIn.NoteMaxLength);
            e.HasIndex(c => new { c.PersonId, c.At });
        });

        builder.Entity<CheckInRating>(e =>
        {
            e.Property(r => r.Note).HasMaxLength(CheckIn.NoteMaxLength);
            e.HasIndex(r => new { r.CheckInId, r.DomainId }).IsUnique();
            e.HasOne(r => r.Domain).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
    }
}
