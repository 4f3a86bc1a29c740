using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Strategy;

public sealed record AnalysisItem(string Number, string Field, string Title, string Hint);

/// <summary>The parts of a division action plan (seed 001, section 6.3.3), in our own words.</summary>
public static class DivisionPlanParts
{
    public static readonly IReadOnlyList<AnalysisItem> Analysis =
    [
        new("4.1", nameof(DivisionActionPlan.WorkforceCapacity), "Our workforce: what it needs and how ready it is to change", "Skills, numbers, attitudes and capacity in the division's teams."),
        new("4.2", nameof(DivisionActionPlan.StaffDevelopment), "Learning and development our staff need", "Training, supervision, coaching and shared learning with people who use services."),
        new("4.3", nameof(DivisionActionPlan.PeopleAndCarers), "People who use our services and their carers: what they need and how ready they are for change", "What people and carers tell you, and how they want to be involved."),
        new("4.4", nameof(DivisionActionPlan.StakeholderBarriers), "Stakeholders: what helps and what gets in the way", "Commissioners, partners, voluntary groups and others."),
        new("4.5", nameof(DivisionActionPlan.OtherBarriers), "Other barriers, inside or outside the division", "Anything else that could slow change down."),
        new("4.6", nameof(DivisionActionPlan.Opportunities), "Chances to grow a recovery and wellbeing approach", "What is already working that you can build on."),
        new("4.7", nameof(DivisionActionPlan.ResourcesToSustain), "Resources to start and keep new ways of working going", "Money, people, time, buildings and tools, now and in the long run."),
    ];

    /// <summary>The suggested starting tasks for each phase, paraphrasing seed 001 section 6.</summary>
    public static readonly IReadOnlyList<(StrategyPhase Phase, string Title)> SuggestedTasks =
    [
        (StrategyPhase.Activate, "Set up a programme board and project plan to oversee the strategy"),
        (StrategyPhase.Activate, "Win the support of internal groups: the lived-experience steering group, staff council, board and governors"),
        (StrategyPhase.Activate, "Tell everyone across the organisation what the strategy sets out to do"),
        (StrategyPhase.Mobilise, "Work out how much the culture needs to change for the strategy to work"),
        (StrategyPhase.Mobilise, "Build a central staff learning programme around the strategy's aims"),
        (StrategyPhase.Mobilise, "Find the policies and procedures that must change to fit new ways of working"),
        (StrategyPhase.Mobilise, "Agree what central support each division needs to deliver the strategy"),
        (StrategyPhase.Execute, "Work out the one-off and ongoing resources the strategy needs"),
        (StrategyPhase.Execute, "Map external partners by locality and by division"),
        (StrategyPhase.Execute, "Talk with each partner about how to work together better"),
        (StrategyPhase.Execute, "Build the strategy into each local health and wellbeing board's work"),
        (StrategyPhase.Execute, "Set up the structures that keep partnerships going"),
        (StrategyPhase.Execute, "Support each division to write and deliver its own action plan"),
    ];
}

public sealed class StrategyProgressConfiguration : IEntityTypeConfiguration<StrategyProgress>
{
    public void Configure(EntityTypeBuilder<StrategyProgress> e)
    {
        e.ToTable("StrategyProgress");
        e.HasKey(p => p.OrganisationId);
        e.Property(p => p.CurrentPhase).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Model.Organisation>().WithOne().HasForeignKey<StrategyProgress>(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StrategyTaskConfiguration : IEntityTypeConfiguration<StrategyTask>
{
    public void Configure(EntityTypeBuilder<StrategyTask> e)
    {
        e.ToTable("StrategyTasks");
        e.Property(t => t.Title).HasMaxLength(PlanningText.ShortMax);
        e.Property(t => t.Owner).HasMaxLength(PlanningText.ShortMax);
        e.Property(t => t.Notes).HasMaxLength(PlanningText.LongMax);
        e.Property(t => t.Phase).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(t => new { t.OrganisationId, t.Phase, t.Order });
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DivisionActionPlanConfiguration : IEntityTypeConfiguration<DivisionActionPlan>
{
    public void Configure(EntityTypeBuilder<DivisionActionPlan> e)
    {
        e.ToTable("DivisionActionPlans");
        foreach (var name in new[]
        {
            nameof(DivisionActionPlan.WellbeingMeaning), nameof(DivisionActionPlan.Stakeholders), nameof(DivisionActionPlan.Resources),
            nameof(DivisionActionPlan.WorkforceCapacity), nameof(DivisionActionPlan.StaffDevelopment), nameof(DivisionActionPlan.PeopleAndCarers),
            nameof(DivisionActionPlan.StakeholderBarriers), nameof(DivisionActionPlan.OtherBarriers), nameof(DivisionActionPlan.Opportunities),
            nameof(DivisionActionPlan.ResourcesToSustain),
        })
        {
            e.Property<string>(name).HasMaxLength(PlanningText.LongMax);
        }
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasIndex(p => p.DivisionId).IsUnique();
        e.HasIndex(p => p.OrganisationId);
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(p => p.Division).WithMany().HasForeignKey(p => p.DivisionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Actions).WithOne(a => a.Plan).HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SmartActionConfiguration : IEntityTypeConfiguration<SmartAction>
{
    public void Configure(EntityTypeBuilder<SmartAction> e)
    {
        e.ToTable("SmartActions");
        e.Property(a => a.Specific).HasMaxLength(PlanningText.LongMax);
        e.Property(a => a.Measure).HasMaxLength(PlanningText.LongMax);
        e.Property(a => a.AchievableNote).HasMaxLength(PlanningText.LongMax);
        e.Property(a => a.Owner).HasMaxLength(PlanningText.ShortMax);
        e.Property(a => a.ProgressNotes).HasMaxLength(PlanningText.LongMax);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(a => new { a.PlanId, a.DueOn });
    }
}
