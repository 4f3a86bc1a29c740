using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Resources;

public sealed class CommunityResourceConfiguration : IEntityTypeConfiguration<CommunityResource>
{
    public void Configure(EntityTypeBuilder<CommunityResource> e)
    {
        e.Property(r => r.Name).HasMaxLength(CommunityResource.NameMaxLength);
        e.Property(r => r.Description).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.WhoItSuits).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.HowToGetThere).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.Contact).HasMaxLength(CommunityResource.ContactMaxLength);
        e.Property(r => r.Website).HasMaxLength(CommunityResource.WebsiteMaxLength);
        e.Property(r => r.Category).HasConversion<string>().HasMaxLength(30);
        e.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.Locality).WithMany().HasForeignKey(r => r.LocalityId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(r => r.Notes).WithOne(n => n.Resource).HasForeignKey(n => n.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.LocalityId, r.Category });
        e.Property(r => r.Version).IsConcurrencyToken();
    }
}

public sealed class ResourceProposalConfiguration : IEntityTypeConfiguration<ResourceProposal>
{
    public void Configure(EntityTypeBuilder<ResourceProposal> e)
    {
        e.Property(r => r.Name).HasMaxLength(CommunityResource.NameMaxLength);
        e.Property(r => r.Description).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.WhoItSuits).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.HowToGetThere).HasMaxLength(CommunityResource.TextMaxLength);
        e.Property(r => r.Contact).HasMaxLength(CommunityResource.ContactMaxLength);
        e.Property(r => r.Website).HasMaxLength(CommunityResource.WebsiteMaxLength);
        e.Property(r => r.DeclineReason).HasMaxLength(ResourceProposal.ReasonMaxLength);
        e.Property(r => r.Category).HasConversion<string>().HasMaxLength(30);
        // Deciding saves only while the row is still pending, so two administrators cannot both decide it.
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        e.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.ProposedBy).WithMany().HasForeignKey(r => r.ProposedByUserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.Locality).WithMany().HasForeignKey(r => r.LocalityId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(r => r.Resource).WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.OrganisationId, r.Status });
    }
}

public sealed class ResourceNoteConfiguration : IEntityTypeConfiguration<ResourceNote>
{
    public void Configure(EntityTypeBuilder<ResourceNote> e)
    {
        e.Property(n => n.Text).HasMaxLength(ResourceNote.TextMaxLength);
        e.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ResourceLinkConfiguration : IEntityTypeConfiguration<ResourceLink>
{
    public void Configure(EntityTypeBuilder<ResourceLink> e)
    {
        e.Property(l => l.Note).HasMaxLength(ResourceLink.NoteMaxLength);
        e.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(l => l.Resource).WithMany().HasForeignKey(l => l.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(l => l.SuggestedBy).WithMany().HasForeignKey(l => l.SuggestedByUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(l => new { l.PersonId, l.ResourceId }).IsUnique();
    }
}
