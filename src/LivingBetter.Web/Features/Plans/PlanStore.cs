using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Plans;

/// <summary>A section as it is now: its words, the version they are, and how far the person has got.</summary>
public sealed record SectionSnapshot(SectionDef Def, Guid? SectionId, object Content, int Version, SectionState State, DateTimeOffset? UpdatedAt);

/// <summary>How many suggestions wait on one section, and how many of them are drafts written together with staff.</summary>
public sealed record PendingSuggestions(PlanKind Kind, string Key, int Count, int WrittenTogether);

/// <summary>The outcome of a save: either a new version, or a conflict carrying what is saved now.</summary>
public sealed record SaveResult(bool Saved, SectionSnapshot Current);

/// <summary>
/// Loads and saves plan sections. A save names the version it was based on; if the section has moved
/// on since, nothing is written and the caller shows both texts, so no words are silently lost.
/// Only callers that have already established the signed-in user owns the plan may save.
/// </summary>
public sealed class PlanStore(LivingBetterDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<SectionSnapshot>> LoadAsync(Guid personId, PlanKind kind, CancellationToken ct = default)
    {
        var sections = await db.PlanSections.AsNoTracking()
            .Where(s => s.Plan!.PersonId == personId && s.Plan.Kind == kind)
            .ToListAsync(ct);
        return Snapshots(kind, sections);
    }

    /// <summary>Both plans' sections in one read, for the overview.</summary>
    public async Task<IReadOnlyDictionary<PlanKind, IReadOnlyList<SectionSnapshot>>> LoadAllAsync(Guid personId, CancellationToken ct = default)
    {
        var sections = await db.PlanSections.AsNoTracking()
            .Where(s => s.Plan!.PersonId == personId)
            .Select(s => new { s.Plan!.Kind, Section = s })
            .ToListAsync(ct);
        return Enum.GetValues<PlanKind>().ToDictionary(k => k,
            k => Snapshots(k, [.. sections.Where(s => s.Kind == k).Select(s => s.Section)]));
    }

    private static IReadOnlyList<SectionSnapshot> Snapshots(PlanKind kind, List<PlanSection> sections) =>
        PlanStructure.For(kind).Select(def =>
        {
            var s = sections.FirstOrDefault(x => x.Key == def.Key);
            return s is null
                ? new SectionSnapshot(def, null, SectionContent.Empty(def), 0, SectionState.NotStarted, null)
                : new SectionSnapshot(def, s.Id, SectionContent.Parse(def, s.Content), s.Version, s.State, s.UpdatedAt);
        }).ToList();

    public async Task<SectionSnapshot> LoadSectionAsync(Guid personId, SectionDef def, CancellationToken ct = default)
    {
        var s = await db.PlanSections.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Plan!.PersonId == personId && x.Plan.Kind == def.Kind && x.Key == def.Key, ct);
        return s is null
            ? new SectionSnapshot(def, null, SectionContent.Empty(def), 0, SectionState.NotStarted, null)
            : new SectionSnapshot(def, s.Id, SectionContent.Parse(def, s.Content), s.Version, s.State, s.UpdatedAt);
    }

    public async Task<IReadOnlyList<Goal>> GoalsAsync(Guid personId, CancellationToken ct = default)
    {
        var def = PlanStructure.Find(PlanKind.Wellbeing, PlanStructure.Goals)!;
        return ((GoalsContent)(await LoadSectionAsync(personId, def, ct)).Content).Items;
    }

    public async Task<IReadOnlyList<string>> ToolboxAsync(Guid personId, CancellationToken ct = default)
    {
        var def = PlanStructure.Find(PlanKind.StayingWell, PlanStructure.Toolbox)!;
        return ((ToolboxContent)(await LoadSectionAsync(personId, def, ct)).Content).Tools;
    }

    /// <summary>Writes a new version of the section unless it has changed since <paramref name="baseVersion"/>.</summary>
    public async Task<SaveResult> SaveAsync(Guid personId, SectionDef def, object content, int baseVersion, SectionState? state,
        Guid authorUserId, Guid? suggestedByUserId, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.PersonId == personId && p.Kind == def.Kind, ct);
        var section = plan is null ? null : await db.PlanSections.FirstOrDefaultAsync(s => s.PlanId == plan.Id && s.Key == def.Key, ct);
        if ((section?.Version ?? 0) != baseVersion)
        {
            return new SaveResult(false, await LoadSectionAsync(personId, def, ct));
        }
        if (plan is null)
        {
            plan = new Plan { Id = Guid.NewGuid(), PersonId = personId, Kind = def.Kind, CreatedAt = now };
            db.Plans.Add(plan);
        }
        if (section is null)
        {
            section = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = def.Key, Version = 0 };
            db.PlanSections.Add(section);
        }
        var json = SectionContent.Serialize(def, content);
        section.Content = json;
        section.Version = baseVersion + 1;
        section.State = state ?? (SectionContent.IsEmpty(def, content) ? SectionState.NotStarted
            : section.State == SectionState.Done ? SectionState.Done : SectionState.Started);
        section.UpdatedAt = now;
        plan.UpdatedAt = now;
        db.PlanSectionVersions.Add(new PlanSectionVersion
        {
            Id = Guid.NewGuid(),
            SectionId = section.Id,
            Number = section.Version,
            Content = json,
            AuthorUserId = authorUserId,
            SuggestedByUserId = suggestedByUserId,
            Reason = reason.Length > 120 ? reason[..120] : reason,
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab or device saved between our read and our write (the version token or the
            // unique section key caught it): nothing of ours was written, so show the conflict.
            db.ChangeTracker.Clear();
            return new SaveResult(false, await LoadSectionAsync(personId, def, ct));
        }
        return new SaveResult(true, await LoadSectionAsync(personId, def, ct));
    }

    /// <summary>
    /// The label for the staying-well plan: an organisation whose team supports the person now may
    /// have chosen its own; otherwise our default.
    /// </summary>
    public async Task<string> StayingWellLabelAsync(Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var label = await db.CareEpisodes.AsNoTracking()
            .Where(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now))
            .Select(c => c.Team!.Organisation!)
            .OrderBy(o => o.Name)
            .Select(o => o.StayingWellPlanLabel)
            .FirstOrDefaultAsync(l => l != null && l != "", ct);
        return string.IsNullOrWhiteSpace(label) ? Model.Organisation.DefaultStayingWellPlanLabel : label;
    }

    public async Task<string> TitleAsync(Guid personId, PlanKind kind, CancellationToken ct = default) =>
        kind == PlanKind.StayingWell ? await StayingWellLabelAsync(personId, ct) : PlanStructure.WellbeingPlanTitle;

    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> userIds, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>Suggestions and drafts waiting for the person to decide, per section, so the overview can point to them.</summary>
    public async Task<IReadOnlyList<PendingSuggestions>> PendingAsync(Guid personId, CancellationToken ct = default) =>
        await db.Set<SectionSuggestion>().AsNoTracking()
            .Where(s => s.Status == SuggestionStatus.Pending && s.Section!.Plan!.PersonId == personId)
            .GroupBy(s => new { s.Section!.Plan!.Kind, s.Section.Key })
            .Select(g => new PendingSuggestions(g.Key.Kind, g.Key.Key, g.Count(), g.Count(s => s.WrittenTogether)))
            .ToListAsync(ct);

    public Task<bool> OfflineCopyAsync(Guid personId, CancellationToken ct = default) =>
        db.Plans.AnyAsync(p => p.PersonId == personId && p.Kind == PlanKind.StayingWell && p.OfflineCopy, ct);

    public async Task SetOfflineCopyAsync(Guid personId, bool on, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.PersonId == personId && p.Kind == PlanKind.StayingWell, ct);
        if (plan is null)
        {
            var now = time.GetUtcNow();
            plan = new Plan { Id = Guid.NewGuid(), PersonId = personId, Kind = PlanKind.StayingWell, CreatedAt = now, UpdatedAt = now };
            db.Plans.Add(plan);
        }
        plan.OfflineCopy = on;
        await db.SaveChangesAsync(ct);
    }
}

public static class PlanServices
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanStore>();
        services.AddSingleton<PlanPdf>();
        services.AddDemoSeeder<PlansDemoSeeder>();
        return services;
    }
}
