using System.Globalization;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.MakingItReal;

public sealed record Statement(string Key, string Text);

public sealed record Theme(int Number, string Title, IReadOnlyList<Statement> Statements);

/// <summary>
/// Themes of personalised care written as "I statements", in our own words, in the spirit of the
/// Making It Real framework the organisation in seed 002 adopted. Ratings store only the key.
/// </summary>
public static class MakingItRealStatements
{
    public static readonly IReadOnlyList<Theme> Themes =
    [
        new(1, "Living well and staying independent",
        [
            new("1.1", "I get help to do the things that matter most to me."),
            new("1.2", "I can stay in touch with the people I care about."),
            new("1.3", "I have a say in how my days are spent."),
        ]),
        new(2, "Information I can use",
        [
            new("2.1", "I can find information when I need it, in a way that makes sense to me."),
            new("2.2", "I know who to ask, and they get back to me."),
            new("2.3", "I understand my options before I have to decide."),
        ]),
        new(3, "Being part of my community",
        [
            new("3.1", "I have chances to meet people and join in with local life."),
            new("3.2", "The people around me know how to help me."),
            new("3.3", "I can give something back if I want to."),
        ]),
        new(4, "Support that fits my life",
        [
            new("4.1", "My support is planned with me, around what I want."),
            new("4.2", "I only have to tell my story once."),
            new("4.3", "My plan changes when my life changes."),
            new("4.4", "I know what will happen if things go wrong, and I have had a say in it."),
        ]),
        new(5, "Choice, control and money",
        [
            new("5.1", "I know how much money there is for my support."),
            new("5.2", "I decide how that money is spent."),
            new("5.3", "I can take reasonable risks to live the life I want."),
        ]),
        new(6, "The people who support me",
        [
            new("6.1", "The people who support me are kind and treat me with respect."),
            new("6.2", "Staff believe I can get better and build on what I am good at."),
            new("6.3", "People with lived experience help shape the support I get."),
        ]),
    ];

    public static IEnumerable<Statement> All => Themes.SelectMany(t => t.Statements);

    public static Statement? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}

/// <summary>
/// How true a statement is for the people the organisation supports, judged from what they say:
/// 1 true for few, 2 for some, 3 for most, 4 for nearly everyone.
/// </summary>
public static class MakingItRealScale
{
    public const int Min = 1;
    public const int Max = 4;

    public static string Label(int? rating) => rating switch
    {
        1 => "True for few people",
        2 => "True for some people",
        3 => "True for most people",
        4 => "True for nearly everyone",
        _ => "Not rated",
    };

    public static IEnumerable<SelectListItem> Items() =>
        new[] { new SelectListItem("Not rated", "") }
            .Concat(Enumerable.Range(Min, Max).Select(r => new SelectListItem($"{r} – {Label(r)}", r.ToString(CultureInfo.InvariantCulture))));

    public static string LeadType(LeadType type) => type switch
    {
        Model.LeadType.PersonWhoUsesServices => "Person who uses services",
        Model.LeadType.Carer => "Carer",
        Model.LeadType.Staff => "Staff",
        Model.LeadType.Partner => "Partner organisation",
        _ => type.ToString(),
    };

    public static IEnumerable<SelectListItem> LeadTypeItems() =>
        new[] { new SelectListItem("Choose", "") }
            .Concat(new[] { Model.LeadType.PersonWhoUsesServices, Model.LeadType.Carer, Model.LeadType.Staff, Model.LeadType.Partner }
                .Select(t => new SelectListItem(LeadType(t), t.ToString())));
}

public sealed class MakingItRealRoundConfiguration : IEntityTypeConfiguration<MakingItRealRound>
{
    public void Configure(EntityTypeBuilder<MakingItRealRound> e)
    {
        e.ToTable("MakingItRealRounds");
        e.HasIndex(r => new { r.OrganisationId, r.HeldOn });
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Ratings).WithOne(s => s.Round).HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StatementRatingConfiguration : IEntityTypeConfiguration<StatementRating>
{
    public void Configure(EntityTypeBuilder<StatementRating> e)
    {
        e.ToTable("MakingItRealRatings");
        e.Property(s => s.StatementKey).HasMaxLength(10);
        e.Property(s => s.Evidence).HasMaxLength(PlanningText.LongMax);
        e.HasIndex(s => new { s.RoundId, s.StatementKey }).IsUnique();
    }
}

public sealed class MakingItRealPriorityConfiguration : IEntityTypeConfiguration<MakingItRealPriority>
{
    public void Configure(EntityTypeBuilder<MakingItRealPriority> e)
    {
        e.ToTable("MakingItRealPriorities");
        e.Property(p => p.Title).HasMaxLength(PlanningText.ShortMax);
        e.Property(p => p.Actions).HasMaxLength(PlanningText.LongMax);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(p => p.OrganisationId);
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Leads).WithOne(l => l.Priority).HasForeignKey(l => l.PriorityId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PriorityLeadConfiguration : IEntityTypeConfiguration<PriorityLead>
{
    public void Configure(EntityTypeBuilder<PriorityLead> e)
    {
        e.ToTable("MakingItRealLeads");
        e.Property(l => l.Name).HasMaxLength(PlanningText.ShortMax);
        e.Property(l => l.Type).HasConversion<string>().HasMaxLength(30);
    }
}
