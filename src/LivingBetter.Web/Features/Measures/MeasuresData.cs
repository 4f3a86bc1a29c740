using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Measures;

public sealed class MeasureDefinitionConfiguration : IEntityTypeConfiguration<MeasureDefinition>
{
    public void Configure(EntityTypeBuilder<MeasureDefinition> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(MeasureDefinition.CodeMaxLength);
        builder.Property(m => m.Title).HasMaxLength(MeasureDefinition.TitleMaxLength);
        builder.Property(m => m.LicenceNote).HasMaxLength(MeasureDefinition.LicenceNoteMaxLength);
        builder.HasIndex(m => new { m.OrganisationId, m.Code }).IsUnique();
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> builder)
    {
        builder.HasIndex(r => new { r.PersonId, r.MeasureDefinitionId, r.At });
        builder.Property(r => r.RawScore).HasPrecision(12, 4);
        builder.Property(r => r.MetricScore).HasPrecision(12, 4);
        builder.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.MeasureDefinition).WithMany().HasForeignKey(r => r.MeasureDefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}
