using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>The life domains and rating scale that apply to one person now.</summary>
public sealed record WheelSettings(Guid? OrganisationId, string? OrganisationName, int Min, int Max, string LowLabel, string HighLabel, IReadOnlyList<LifeDomain> Domains)
{
    public LifeDomain? Find(string? key) => Domains.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase));
}

public sealed record RatingInput(string? Domain, int? Rating, bool Skipped, bool WantsHelp, string? Note);

public sealed record CheckInInput(string? Note, IReadOnlyList<RatingInput>? Ratings);

/// <summary>A problem with input, naming the field the way the JSON API spells it (for example <c>ratings[2].rating</c>).</summary>
public sealed record FieldProblem(string Field, string Message);

public sealed record RatingView(string DomainKey, string DomainName, int? Rating, int? WorkerRating, bool WantsHelp)
{
    public bool Skipped => Rating is null;
    public bool Disagree => Rating is { } p && WorkerRating is { } w && p != w;
}

public sealed record CheckInView(Guid Id, DateTimeOffset At, string Note, int ScaleMin, int ScaleMax, string? WorkerName, IReadOnlyList<RatingView> Ratings)
{
    public RatingView? For(string key) => Ratings.FirstOrDefault(r => r.DomainKey == key);
    public bool HasWorkerView => WorkerName is not null;
}

public sealed record DueState(int? EveryDays, DateTimeOffset? LastAt, DateTimeOffset? NextDueAt, bool IsDue);

/// <summary>
/// Check-in rules shared by the pages and the JSON API: which domains and scale apply, validation
/// with messages that name the domain, and saving all or nothing.
/// </summary>
public sealed class CheckInService(LivingBetterDbContext db, TimeProvider time)
{
    public static readonly IReadOnlyList<(int Days, string Text)> Frequencies =
    [
        (7, "Every week"),
        (14, "Every 2 weeks"),
        (28, "Every 4 weeks"),
        (91, "Every 3 months"),
        (0, "Only when I choose (no reminders)"),
    ];

    public static string FrequencyText(int days) =>
        Frequencies.FirstOrDefault(f => f.Days == days).Text ?? $"Every {days} days";

    /// <summary>
    /// The organisation of a team supporting the person now decides the domains and scale (the longest
    /// standing one if several do); otherwise the default set on a 1 to 10 scale.
    /// </summary>
    public async Task<WheelSettings> SettingsForAsync(Guid personId, CancellationToken ct = default) =>
        (await PersonWithSettingsAsync(personId, ct)).Settings;

    /// <summary>
    /// The person (untracked; null when there is none) and their wheel as <see cref="SettingsForAsync(Guid, CancellationToken)"/>
    /// decides it, in one round trip: the person, the organisation, and its domains with the default set, one row per
    /// domain. For an unknown person, the default wheel.
    /// </summary>
    public async Task<(Person? Person, WheelSettings Settings)> PersonWithSettingsAsync(Guid personId, CancellationToken ct = default)
    {
        var rows = new List<PersonWheelRow>();
        await foreach (var row in PersonWithWheel(db, personId, time.GetUtcNow()).WithCancellation(ct))
        {
            rows.Add(row);
        }
        return rows.Count == 0
            ? (null, await SettingsForAsync((Model.Organisation?)null, ct))
            : (rows[0].Person, Settings(rows[0].Organisation, rows.Select(r => r.Domain).OfType<LifeDomain>().ToList()));
    }

    private sealed record PersonWheelRow(Person Person, Model.Organisation? Organisation, LifeDomain? Domain);

    // Compiled once (every check-in saved and every FHIR create asks): the organisation is that of the longest-standing
    // open support, a subquery.
    private static readonly Func<LivingBetterDbContext, Guid, DateTimeOffset, IAsyncEnumerable<PersonWheelRow>> PersonWithWheel =
        EF.CompileAsyncQuery((LivingBetterDbContext db, Guid personId, DateTimeOffset now) =>
            from p in db.People.AsNoTracking().Where(p => p.Id == personId)
            let orgId = db.CareEpisodes
                .Where(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now))
                .OrderBy(c => c.StartedAt)
                .Select(c => (Guid?)c.Team!.OrganisationId).FirstOrDefault()
            from o in db.Organisations.AsNoTracking().Where(o => o.Id == orgId).DefaultIfEmpty()
            from d in db.LifeDomains.AsNoTracking().Where(d => d.IsActive && (d.OrganisationId == null || d.OrganisationId == orgId)).DefaultIfEmpty()
            orderby d.Order
            select new PersonWheelRow(p, o, d));

    /// <summary>The wheel of a team's organisation, for a person the team is about to support (an administrator's import).</summary>
    public async Task<WheelSettings> SettingsForTeamAsync(Guid teamId, CancellationToken ct = default) =>
        await SettingsForAsync(await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Organisation).FirstOrDefaultAsync(ct), ct);

    /// <summary>An organisation's own wheel (the default set when it has none of its own).</summary>
    public async Task<WheelSettings> SettingsForOrganisationAsync(Guid organisationId, CancellationToken ct = default) =>
        await SettingsForAsync(await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct), ct);

    private async Task<WheelSettings> SettingsForAsync(Model.Organisation? org, CancellationToken ct)
    {
        // The organisation's own domains and the default set in one read; the default set only when it has none.
        var orgId = org?.Id;
        var candidates = await db.LifeDomains.AsNoTracking()
            .Where(d => d.IsActive && (d.OrganisationId == null || d.OrganisationId == orgId))
            .OrderBy(d => d.Order).ToListAsync(ct);
        return Settings(org, candidates);
    }

    /// <summary>The wheel of <paramref name="org"/> (none: the default) from its active domains and the default set, in order.</summary>
    private static WheelSettings Settings(Model.Organisation? org, List<LifeDomain> candidates)
    {
        var domains = candidates.Where(d => d.OrganisationId is not null).ToList() is { Count: > 0 } own
            ? own
            : candidates.Where(d => d.OrganisationId is null).ToList();
        return org is null
            ? new WheelSettings(null, null, 1, 10, "Not good at all", "As good as it could be", domains)
            : new WheelSettings(org.Id, org.Name, org.WheelScaleMin, org.WheelScaleMax, org.WheelScaleLowLabel, org.WheelScaleHighLabel, domains);
    }

    public static IReadOnlyList<FieldProblem> Validate(CheckInInput input, WheelSettings settings)
    {
        var problems = new List<FieldProblem>();
        if (input.Note is { Length: > CheckIn.NoteMaxLength })
        {
            problems.Add(new("note", $"Note must be {CheckIn.NoteMaxLength} characters or fewer"));
        }
        var ratings = input.Ratings ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings[i];
            var domain = settings.Find(r.Domain);
            if (domain is null)
            {
                problems.Add(new($"ratings[{i}].domain", string.IsNullOrWhiteSpace(r.Domain)
                    ? "Each rating must name its life domain"
                    : $"'{r.Domain}' is not one of your life domains ({string.Join(", ", settings.Domains.Select(d => d.Key))})"));
                continue;
            }
            if (!seen.Add(domain.Key))
            {
                problems.Add(new($"ratings[{i}].domain", $"{domain.Name} is rated more than once"));
                continue;
            }
            if (r.Rating is { } value)
            {
                if (r.Skipped)
                {
                    problems.Add(new($"ratings[{i}].rating", $"{domain.Name} cannot be both rated and skipped"));
                }
                else if (value < settings.Min || value > settings.Max)
                {
                    problems.Add(new($"ratings[{i}].rating", $"Rating for {domain.Name} must be between {settings.Min} and {settings.Max}"));
                }
            }
            else if (!r.Skipped)
            {
                problems.Add(new($"ratings[{i}].rating", $"Give a rating for {domain.Name}, or mark it skipped"));
            }
            if (r.Note is { Length: > CheckIn.NoteMaxLength })
            {
                problems.Add(new($"ratings[{i}].note", $"Note for {domain.Name} must be {CheckIn.NoteMaxLength} characters or fewer"));
            }
        }
        foreach (var missing in settings.Domains.Where(d => !seen.Contains(d.Key)))
        {
            problems.Add(new("ratings", $"{missing.Name} is missing: rate it or mark it skipped"));
        }
        return problems;
    }

    /// <summary>Saves the person's own check-in in one go. Call <see cref="Validate"/> first.</summary>
    public async Task<CheckIn> SaveAsync(Guid personId, Guid recordedByUserId, CheckInInput input, WheelSettings settings, CancellationToken ct = default)
    {
        var checkIn = new CheckIn
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            At = time.GetUtcNow(),
            Note = input.Note?.Trim() ?? "",
            RecordedByUserId = recordedByUserId,
            ScaleMin = settings.Min,
            ScaleMax = settings.Max,
        };
        foreach (var r in input.Ratings ?? [])
        {
            var domain = settings.Find(r.Domain)!;
            checkIn.Ratings.Add(new CheckInRating
            {
                Id = Guid.NewGuid(),
                DomainId = domain.Id,
                Rating = r.Skipped ? null : r.Rating,
                WantsHelp = r.WantsHelp,
                Note = r.Note?.Trim() ?? "",
            });
        }
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(ct);
        return checkIn;
    }

    /// <summary>Every check-in, oldest first, with the worker's name where a worker added their view.</summary>
    public async Task<IReadOnlyList<CheckInView>> HistoryAsync(Guid personId, CancellationToken ct = default)
    {
        // Split: as one query the ratings are a LEFT JOIN to a joined subquery, which SQLite cannot
        // flatten, so it materialised every person's ratings on each call (see docs/PERFORMANCE.md).
        var rows = await db.CheckIns.AsNoTracking()
            .AsSplitQuery()
            .Where(c => c.PersonId == personId)
            .OrderBy(c => c.At)
            .Select(c => new
            {
                c.Id,
                c.At,
                c.Note,
                c.ScaleMin,
                c.ScaleMax,
                Worker = c.WorkerUserId == null ? null : db.Users.Where(u => u.Id == c.WorkerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Ratings = c.Ratings.OrderBy(r => r.Domain!.Order)
                    .Select(r => new { r.Domain!.Key, r.Domain.Name, r.Rating, r.WorkerRating, r.WantsHelp }).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(c => new CheckInView(c.Id, c.At, c.Note, c.ScaleMin, c.ScaleMax, c.Worker,
            c.Ratings.Select(r => new RatingView(r.Key, r.Name, r.Rating, r.WorkerRating, r.WantsHelp)).ToList())).ToList();
    }

    /// <summary>
    /// One domain's small chart over time, for a wellbeing-plan goal linked to that domain. The caller
    /// must already have checked access to the person's check-ins. Null when the key is not a domain.
    /// </summary>
    public async Task<string?> DomainTrendSvgAsync(Guid personId, string domainKey, CancellationToken ct = default)
    {
        var settings = await SettingsForAsync(personId, ct);
        var domain = settings.Find(domainKey);
        if (domain is null)
        {
            return null;
        }
        var points = (await HistoryAsync(personId, ct))
            .Where(c => c.For(domain.Key) is not null)
            .Select(c => new TrendPoint(c.At, c.For(domain.Key)!.Rating, c.For(domain.Key)!.WorkerRating, c.ScaleMin, c.ScaleMax))
            .ToList();
        return WheelSvg.Trend(new TrendPicture($"goal-trend-{domain.Key}", $"{domain.Name} over time", settings.Min, settings.Max, points));
    }

    public async Task<DueState> DueAsync(Guid personId, CancellationToken ct = default)
    {
        var every = await db.Set<CheckInSchedule>().AsNoTracking().Where(s => s.PersonId == personId).Select(s => (int?)s.EveryDays).FirstOrDefaultAsync(ct);
        var last = await db.CheckIns.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(ct);
        return Due(every, last, time.GetUtcNow());
    }

    public static DueState Due(int? everyDays, DateTimeOffset? lastAt, DateTimeOffset now)
    {
        if (everyDays is not { } days || days <= 0)
        {
            return new DueState(everyDays, lastAt, null, false);
        }
        var next = lastAt?.AddDays(days);
        return new DueState(days, lastAt, next, next is null || next <= now);
    }

    public async Task SetFrequencyAsync(Guid personId, int everyDays, CancellationToken ct = default)
    {
        var schedule = await db.Set<CheckInSchedule>().FirstOrDefaultAsync(s => s.PersonId == personId, ct);
        if (schedule is null)
        {
            schedule = new CheckInSchedule { PersonId = personId };
            db.Add(schedule);
        }
        schedule.EveryDays = everyDays;
        schedule.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
