using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>The default life domains, in our own words, for anyone whose organisation has not set its own.</summary>
public static class DefaultDomains
{
    public static readonly IReadOnlyList<LifeDomain> All =
    [
        Domain(1, "mental-wellbeing", "Mental wellbeing", "How you feel in yourself: your mood, worries and peace of mind."),
        Domain(2, "physical-health", "Physical health", "Your body, sleep, energy, eating and keeping active."),
        Domain(3, "relationships-family", "Relationships and family", "The people closest to you and how things are between you."),
        Domain(4, "friends-social", "Friends and social life", "Having people to spend time with and feeling connected."),
        Domain(5, "money", "Money", "Having enough to live on and feeling on top of bills and debts."),
        Domain(6, "home", "Home", "Having a settled, safe place to live that feels like yours."),
        Domain(7, "work-learning", "Work, learning and volunteering", "Doing something that uses your skills or helps you grow."),
        Domain(8, "leisure", "Leisure and interests", "Time for things you enjoy: hobbies, fun and rest."),
        Domain(9, "feeling-safe", "Feeling safe", "Feeling safe from harm, at home and when you are out."),
        Domain(10, "hope-purpose", "Hope and purpose", "Having things to look forward to and a sense of where you are going."),
    ];

    // Fixed ids so that migrations on every provider create the same rows.
    private static LifeDomain Domain(int order, string key, string name, string description) => new()
    {
        Id = new Guid($"5d0b1c2e-7a41-4c55-8e1f-00000000{order:D4}"),
        OrganisationId = null,
        Key = key,
        Name = name,
        Description = description,
        Order = order,
        IsActive = true,
    };
}

public sealed class LifeDomainSeedConfiguration : IEntityTypeConfiguration<LifeDomain>
{
    public void Configure(EntityTypeBuilder<LifeDomain> builder) => builder.HasData(DefaultDomains.All);
}

public sealed class CheckInScheduleConfiguration : IEntityTypeConfiguration<CheckInSchedule>
{
    public void Configure(EntityTypeBuilder<CheckInSchedule> builder)
    {
        builder.HasKey(s => s.PersonId);
        builder.HasOne(s => s.Person).WithOne().HasForeignKey<CheckInSchedule>(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
