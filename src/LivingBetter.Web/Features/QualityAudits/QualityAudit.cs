using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.QualityAudits;

public sealed record AuditCriterionDef(string Key, string Title, string Hint);

/// <summary>The criteria each sampled plan is audited against, in our own words (ADR 0014).</summary>
public static class AuditCriteria
{
    public const string Goals = "goals-own-words";
    public const string Involved = "person-involved";
    public const string Strengths = "strengths";
    public const string Crisis = "crisis-plan";
    public const string Review = "review-date";

    public static readonly IReadOnlyList<AuditCriterionDef> All =
    [
        new(Goals, "Goals in the person's own words", "The goals say what the person wants for their life, as they would say it."),
        new(Involved, "The person was involved", "The plan was written with the person, not about them."),
        new(Strengths, "Strengths recorded", "What the person is good at and what has helped before are written down."),
        new(Crisis, "Crisis plan present", "There is a crisis plan saying what the person wants if they become very unwell."),
        new(Review, "Review date current", "A date to look at the plan again is set and has not passed."),
    ];

    public static string Answer(QualityAuditAnswer? answer) => answer switch
    {
        QualityAuditAnswer.Yes => "Yes",
        QualityAuditAnswer.Partly => "Partly",
        QualityAuditAnswer.No => "No",
        _ => "Not recorded",
    };

    public static string Kind(QualityAuditKind kind) => kind == QualityAuditKind.Baseline ? "Baseline" : "Re-audit";

    /// <summary>
    /// What the system can tell about a person's plans without anyone reading them: whether sections
    /// exist and how far they have got, and whether the review date is in the future. Null for a
    /// criterion it cannot judge (whether words are the person's own, whether they were involved).
    /// </summary>
    public static async Task<Dictionary<Guid, Dictionary<string, QualityAuditAnswer?>>> SuggestAsync(
        LivingBetterDbContext db, IReadOnlyCollection<Guid> personIds, DateOnly today, CancellationToken ct)
    {
        var sections = await db.PlanSections.AsNoTracking()
            .Where(s => personIds.Contains(s.Plan!.PersonId))
            .Where(s => s.Key == PlanStructure.Crisis || s.Key == PlanStructure.Goals || s.Key == "strengths" || s.Key == "care")
            .Select(s => new { s.Plan!.PersonId, s.Plan.Kind, s.Key, s.State, Content = s.Key == "care" ? s.Content : null })
            .ToListAsync(ct);
        var result = new Dictionary<Guid, Dictionary<string, QualityAuditAnswer?>>();
        foreach (var personId in personIds)
        {
            var mine = sections.Where(s => s.PersonId == personId).ToList();
            SectionState? State(PlanKind kind, string key) => mine.FirstOrDefault(s => s.Kind == kind && s.Key == key)?.State;
            static QualityAuditAnswer FromState(SectionState? state) => state switch
            {
                SectionState.Done => QualityAuditAnswer.Yes,
                SectionState.Started => QualityAuditAnswer.Partly,
                _ => QualityAuditAnswer.No,
            };
            var care = mine.FirstOrDefault(s => s.Kind == PlanKind.Wellbeing && s.Key == "care");
            var nextReview = care is null ? null : SectionContent.Parse<CareContent>(care.Content).NextReview;
            var goals = State(PlanKind.Wellbeing, PlanStructure.Goals);
            result[personId] = new Dictionary<string, QualityAuditAnswer?>
            {
                // Goals being there says nothing about whose words they are; only their absence is certain.
                [Goals] = goals is null or SectionState.NotStarted ? QualityAuditAnswer.No : null,
                [Involved] = null,
                [Strengths] = FromState(State(PlanKind.Wellbeing, "strengths")),
                [Crisis] = FromState(State(PlanKind.StayingWell, PlanStructure.Crisis)),
                [Review] = nextReview is { } d && d >= today ? QualityAuditAnswer.Yes : QualityAuditAnswer.No,
            };
        }
        return result;
    }

    /// <summary>Adds the sampled people to a round, numbered in random order, with the system's suggestions pre-filled.</summary>
    public static async Task AddSampleAsync(LivingBetterDbContext db, QualityAuditRound round, IReadOnlyList<(Guid PersonId, Guid TeamId)> sample, DateOnly today, CancellationToken ct)
    {
        var suggestions = await SuggestAsync(db, sample.Select(s => s.PersonId).ToList(), today, ct);
        var number = 1;
        foreach (var (personId, teamId) in sample)
        {
            var plan = new QualityAuditPlan { Id = Guid.NewGuid(), Number = number++, PersonId = personId, TeamId = teamId };
            foreach (var c in All)
            {
                var suggested = suggestions[personId][c.Key];
                plan.Criteria.Add(new QualityAuditCriterion { Id = Guid.NewGuid(), Key = c.Key, Suggested = suggested, Answer = suggested });
            }
            round.Plans.Add(plan);
        }
    }

    /// <summary>A fresh seed for a draw, recorded on the round so the draw can be repeated and checked.</summary>
    public static int NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// <summary>
    /// Draws <paramref name="size"/> of the eligible people (listed in id order, as <see cref="EligibleAsync"/>
    /// returns them) by a partial Fisher-Yates shuffle driven by <paramref name="seed"/>. The same list and
    /// seed always give the same sample in the same order, which is numbered Plan 1, 2, ….
    /// </summary>
    public static List<(Guid PersonId, Guid TeamId)> Draw(IReadOnlyList<(Guid PersonId, Guid TeamId)> eligible, int size, int seed)
    {
        var pool = eligible.ToArray();
        var random = new Random(seed);
        var take = Math.Min(size, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool.Take(take).ToList();
    }

    public static string Status(QualityAuditStatus status) => status == QualityAuditStatus.Completed ? "Completed" : "In progress";

    /// <summary>
    /// People a team of the organisation currently supports and who have a plan, each once with one
    /// of their teams, optionally only within one division or one team.
    /// </summary>
    public static async Task<List<(Guid PersonId, Guid TeamId)>> EligibleAsync(LivingBetterDbContext db, Guid organisationId, Guid? divisionId, Guid? teamId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.CareEpisodes.AsNoTracking()
            .Where(c => c.Team!.OrganisationId == organisationId && (c.EndedAt == null || c.EndedAt > now))
            .Where(c => divisionId == null || c.Team!.DivisionId == divisionId)
            .Where(c => teamId == null || c.TeamId == teamId)
            .Where(c => db.Plans.Any(p => p.PersonId == c.PersonId))
            .Select(c => new { c.PersonId, c.TeamId })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PersonId).Select(g => (g.Key, g.Min(r => r.TeamId))).OrderBy(r => r.Key).ToList();
    }

    public sealed record Share(int Yes, int Partly, int No, int NotRecorded)
    {
        public int Recorded => Yes + Partly + No;

        /// <summary>Share meeting the criterion in full, out of plans where it was recorded.</summary>
        public double? YesShare => Recorded == 0 ? null : (double)Yes / Recorded;
    }

    public static Dictionary<string, Share> Summarise(IEnumerable<QualityAuditCriterion> criteria)
    {
        var list = criteria.ToList();
        return All.ToDictionary(c => c.Key, c =>
        {
            var mine = list.Where(x => x.Key == c.Key).ToList();
            return new Share(
                mine.Count(x => x.Answer == QualityAuditAnswer.Yes),
                mine.Count(x => x.Answer == QualityAuditAnswer.Partly),
                mine.Count(x => x.Answer == QualityAuditAnswer.No),
                mine.Count(x => x.Answer == null));
        });
    }

    public static string Percent(double? share) => share is { } s ? $"{Math.Round(s * 100, MidpointRounding.AwayFromZero):0}%" : "–";

    public static string Change(double? before, double? after)
    {
        if (before is not { } b || after is not { } a)
        {
            return "Not comparable";
        }
        var points = (int)Math.Round((a - b) * 100, MidpointRounding.AwayFromZero);
        return points switch
        {
            > 0 => $"Up {points} points",
            < 0 => $"Down {-points} points",
            _ => "No change",
        };
    }
}

public sealed class QualityAuditRoundConfiguration : IEntityTypeConfiguration<QualityAuditRound>
{
    public void Configure(EntityTypeBuilder<QualityAuditRound> e)
    {
        e.ToTable("QualityAuditRounds");
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(r => new { r.OrganisationId, r.HeldOn });
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<QualityAuditRound>().WithMany().HasForeignKey(r => r.BaselineRoundId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Division>().WithMany().HasForeignKey(r => r.DivisionId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(r => r.Plans).WithOne(p => p.Round).HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QualityAuditPlanConfiguration : IEntityTypeConfiguration<QualityAuditPlan>
{
    public void Configure(EntityTypeBuilder<QualityAuditPlan> e)
    {
        e.ToTable("QualityAuditPlans");
        e.HasIndex(p => new { p.RoundId, p.Number }).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Criteria).WithOne(c => c.Plan).HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QualityAuditCriterionConfiguration : IEntityTypeConfiguration<QualityAuditCriterion>
{
    public void Configure(EntityTypeBuilder<QualityAuditCriterion> e)
    {
        e.ToTable("QualityAuditCriteria");
        e.Property(c => c.Key).HasMaxLength(40);
        e.Property(c => c.Answer).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.Suggested).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.Note).HasMaxLength(QualityAuditPlan.NoteMax);
        e.HasIndex(c => new { c.PlanId, c.Key }).IsUnique();
    }
}
