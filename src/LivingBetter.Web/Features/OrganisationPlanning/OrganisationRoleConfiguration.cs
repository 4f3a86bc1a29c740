using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.OrganisationPlanning;

public sealed class OrganisationRoleConfiguration : IEntityTypeConfiguration<OrganisationRole>
{
    public void Configure(EntityTypeBuilder<OrganisationRole> e)
    {
        e.ToTable("OrganisationRoles");
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasOne(r => r.StaffMembership).WithMany().HasForeignKey(r => r.StaffMembershipId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a division ends its leads' roles for it.
        e.HasOne(r => r.Division).WithMany().HasForeignKey(r => r.DivisionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.StaffMembershipId, r.Kind, r.DivisionId }).IsUnique();
    }
}
