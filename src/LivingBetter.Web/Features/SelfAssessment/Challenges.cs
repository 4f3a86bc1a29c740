using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.SelfAssessment;

public sealed record Challenge(int Key, string Title, string Description);

/// <summary>
/// The ten organisational challenges for supporting recovery (seed 003), in our own words. Kept as
/// data so that ratings store only the number and the wording can improve without touching them.
/// </summary>
public static class Challenges
{
    public static readonly IReadOnlyList<Challenge> All =
    [
        new(1, "Everyday contact that builds hope", "Each conversation between staff and the people they support feels respectful, hopeful and equal, and people say their experience of the service is good."),
        new(2, "Learning shaped and led by lived experience", "Training for staff, people using services and families is planned and delivered together with people who have used services."),
        new(3, "A recovery college", "There is a place of shared learning, open to everyone, that drives the training programme forward."),
        new(4, "Commitment from the board to the front line", "Leaders at every level back recovery, and the culture of the organisation shows it day to day."),
        new(5, "More choice and control for each person", "Support is built around what each person wants, with real choices and personal budgets where they help."),
        new(6, "Sharing decisions about safety and risk", "Risk is talked about openly with the person, safety plans are made together, and positive risk-taking is supported."),
        new(7, "People who use services shaping the organisation", "People with lived experience help decide how services are designed, run and checked, not just asked for comments."),
        new(8, "A workforce that includes lived experience", "Peer support workers are part of every team, and jobs, skills and ways of working change to support recovery."),
        new(9, "Looking after staff wellbeing", "Staff are supported with their own wellbeing and recovery, and their own experience is valued."),
        new(10, "A life beyond services", "People are helped to find work, learning, homes, friendships and a place in their community, not only treatment."),
    ];

    public static Challenge? Find(int key) => All.FirstOrDefault(c => c.Key == key);
}

/// <summary>
/// The self-assessment rating scale. Four steps, with no middle point, so that a rating says which
/// way things lean: 1 not started, 2 early steps, 3 well under way, 4 embedded.
/// </summary>
public static class SelfAssessmentScale
{
    public const int Min = 1;
    public const int Max = 4;

    public static string Label(int? rating) => rating switch
    {
        1 => "Not started",
        2 => "Early steps",
        3 => "Well under way",
        4 => "Embedded",
        _ => "Not rated yet",
    };

    public static string Hint(int rating) => rating switch
    {
        1 => "Little or nothing is happening yet.",
        2 => "Some work has begun in places, but it is not yet usual practice.",
        3 => "It happens in most places, and we can show it.",
        4 => "It is how we work everywhere, and people who use services say so.",
        _ => "",
    };

    public static IEnumerable<SelectListItem> Items() =>
        new[] { new SelectListItem("Choose a rating", "") }
            .Concat(Enumerable.Range(Min, Max).Select(r => new SelectListItem($"{r} – {Label(r)}", r.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}

/// <summary>
/// What team benchmarking (team recovery implementation plans) says about a challenge. Team
/// benchmarking is a separate feature: it registers its own implementation, which replaces the
/// default below. Until one is registered the page says so rather than showing anything made up.
/// </summary>
public interface ITeamBenchmarkSummary
{
    /// <summary>False while no team benchmarking source is installed.</summary>
    bool IsAvailable { get; }

    /// <summary>Summaries per challenge key (1 to 10) for the organisation, or one division of it. Never about single people.</summary>
    Task<IReadOnlyDictionary<int, IReadOnlyList<TeamBenchmarkResult>>> SummariseAsync(Guid organisationId, Guid? divisionId, CancellationToken ct);
}

/// <param name="Summary">A sentence such as "4 teams benchmarked this; average 3.2 out of 5 in October 2026".</param>
/// <param name="Href">Where to read more, if anywhere.</param>
public sealed record TeamBenchmarkResult(string Summary, string? Href);

public sealed class NoTeamBenchmarkSummary : ITeamBenchmarkSummary
{
    public bool IsAvailable => false;

    public Task<IReadOnlyDictionary<int, IReadOnlyList<TeamBenchmarkResult>>> SummariseAsync(Guid organisationId, Guid? divisionId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<int, IReadOnlyList<TeamBenchmarkResult>>>(new Dictionary<int, IReadOnlyList<TeamBenchmarkResult>>());
}

public sealed class SelfAssessmentRoundConfiguration : IEntityTypeConfiguration<SelfAssessmentRound>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentRound> e)
    {
        e.ToTable("SelfAssessmentRounds");
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(r => new { r.OrganisationId, r.DivisionId, r.HeldOn });
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.Division).WithMany().HasForeignKey(r => r.DivisionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Ratings).WithOne(c => c.Round).HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChallengeRatingConfiguration : IEntityTypeConfiguration<ChallengeRating>
{
    public void Configure(EntityTypeBuilder<ChallengeRating> e)
    {
        e.ToTable("ChallengeRatings");
        e.Property(c => c.Evidence).HasMaxLength(PlanningText.LongMax);
        e.Property(c => c.GoalsForChange).HasMaxLength(PlanningText.LongMax);
        e.Property(c => c.ProgressIndicators).HasMaxLength(PlanningText.LongMax);
        e.HasIndex(c => new { c.RoundId, c.ChallengeKey }).IsUnique();
    }
}
