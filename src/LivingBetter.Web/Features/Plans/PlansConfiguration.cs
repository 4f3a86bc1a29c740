using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Plans;

public sealed class ProfessionalNoteConfiguration : IEntityTypeConfiguration<ProfessionalNote>
{
    public void Configure(EntityTypeBuilder<ProfessionalNote> e)
    {
        e.Property(n => n.Text).HasMaxLength(ProfessionalNote.TextMaxLength);
        e.HasIndex(n => new { n.SectionId, n.CreatedAt });
        e.HasOne(n => n.Section).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SectionSuggestionConfiguration : IEntityTypeConfiguration<SectionSuggestion>
{
    public void Configure(EntityTypeBuilder<SectionSuggestion> e)
    {
        e.Property(s => s.Note).HasMaxLength(SectionSuggestion.NoteMaxLength);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.SectionId, s.Status });
        e.HasOne(s => s.Section).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
