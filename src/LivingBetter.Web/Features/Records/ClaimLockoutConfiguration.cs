using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Records;

public sealed class ClaimLockoutConfiguration : IEntityTypeConfiguration<ClaimLockout>
{
    public void Configure(EntityTypeBuilder<ClaimLockout> e)
    {
        e.ToTable("ClaimLockouts");
        e.HasKey(l => l.AddressHash);
        e.Property(l => l.AddressHash).HasMaxLength(64);
        // Pruning deletes by age.
        e.HasIndex(l => l.WindowStart);
    }
}

public sealed class ClaimLockoutKeyConfiguration : IEntityTypeConfiguration<ClaimLockoutKey>
{
    public void Configure(EntityTypeBuilder<ClaimLockoutKey> e)
    {
        e.ToTable("ClaimLockoutKeys");
        e.Property(k => k.Id).ValueGeneratedNever();
        e.Property(k => k.Key).HasMaxLength(32);
    }
}
