using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.CheckIns;

public sealed class ProgressModel(PersonAccess access, CheckInService checkIns, MeasureService measures) : PageModel
{
    public PersonAccessGrant Grant { get; private set; } = null!;
    public string Base { get; private set; } = "";
    public bool Saved { get; private set; }
    public WheelSettings Settings { get; private set; } = null!;
    public ProgressPictures Pictures { get; private set; } = null!;

    /// <summary>Questionnaire scores belong with the check-ins: whoever may see one sees the other.</summary>
    public IReadOnlyList<MeasureHistory> Measures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? personId, bool saved, CancellationToken ct)
    {
        var grant = await CheckInsSetup.ResolveAsync(access, personId, AccessLevel.View, "checkins.progress.view", ct);
        if (grant is null)
        {
            return NotFound();
        }
        Grant = grant;
        Saved = saved && grant.IsOwner;
        Base = CheckInsSetup.BasePath(grant);
        Settings = await checkIns.SettingsForAsync(grant.Person.Id, ct);
        Pictures = ProgressPictures.Build(Settings, await checkIns.HistoryAsync(grant.Person.Id, ct), grant.IsOwner ? "you" : grant.Person.PreferredName);
        Measures = await measures.HistoryAsync(grant.Person.Id, ct);
        return Page();
    }
}

/// <summary>One domain's row in the picture's data table and its small chart.</summary>
public sealed record DomainProgress(string Key, string Name, int? First, int? Previous, int? Latest, int? LatestWorker, bool WantsHelp, string Trend)
{
    public string Change => Latest is { } l && First is { } f
        ? l == f ? "No change" : l > f ? $"Up {l - f}" : $"Down {f - l}"
        : "Not rated both times";
}

/// <summary>Everything the progress page and the plan PDF draw, worked out once from the history.</summary>
public sealed record ProgressPictures(string WheelSvg, IReadOnlyList<string> SeriesLabels, IReadOnlyList<DomainProgress> Domains, int CheckInCount, CheckInView? Latest, bool HasWorkerViews)
{
    /// <summary>What the SVG pictures were drawn from, so the plan PDF can draw the same ones.</summary>
    public WheelPicture? WheelData { get; init; }
    public IReadOnlyList<TrendPicture> Trends { get; init; } = [];

    public static ProgressPictures Build(WheelSettings settings, IReadOnlyList<CheckInView> history, string whose)
    {
        if (history.Count == 0)
        {
            return new ProgressPictures("", [], [], 0, null, false);
        }
        var latest = history[^1];
        var chosen = new List<(string Label, CheckInView CheckIn)> { ($"Latest: {Wording.Date(latest.At)}", latest) };
        if (history.Count >= 2)
        {
            chosen.Add(($"Last time: {Wording.Date(history[^2].At)}", history[^2]));
        }
        if (history.Count >= 3)
        {
            chosen.Add(($"First: {Wording.Date(history[0].At)}", history[0]));
        }
        var series = chosen.Select(c => new WheelSeries(c.Label, settings.Domains.Select(d => c.CheckIn.For(d.Key)?.Rating).ToList(), c.CheckIn.ScaleMin, c.CheckIn.ScaleMax)).ToList();
        var title = history.Count == 1
            ? $"Wellbeing wheel: how {whose} rated each part of life on {Wording.Date(latest.At)}"
            : $"Wellbeing wheel: the latest check-in compared with {(history.Count >= 3 ? "last time and the first" : "last time")}";
        var wheelData = new WheelPicture("wheel", title, settings.Domains.Select(d => d.Name).ToList(), settings.Min, settings.Max, series);
        var wheel = CheckIns.WheelSvg.Wheel(wheelData) + CheckIns.WheelSvg.WheelNarrow(wheelData);
        var trends = new List<TrendPicture>();
        var domains = settings.Domains.Select((d, i) =>
        {
            var points = history.Where(c => c.For(d.Key) is not null)
                .Select(c => new TrendPoint(c.At, c.For(d.Key)!.Rating, c.For(d.Key)!.WorkerRating, c.ScaleMin, c.ScaleMax)).ToList();
            var trendData = new TrendPicture($"trend-{d.Key}", $"{d.Name} over time", settings.Min, settings.Max, points);
            trends.Add(trendData);
            var trend = CheckIns.WheelSvg.Trend(trendData);
            return new DomainProgress(d.Key, d.Name,
                history.Count >= 3 ? history[0].For(d.Key)?.Rating : null,
                history.Count >= 2 ? history[^2].For(d.Key)?.Rating : null,
                latest.For(d.Key)?.Rating,
                latest.For(d.Key)?.WorkerRating,
                latest.For(d.Key)?.WantsHelp ?? false,
                trend);
        }).ToList();
        return new ProgressPictures(wheel, chosen.Select(c => c.Label).ToList(), domains, history.Count, latest, history.Any(c => c.HasWorkerView))
        {
            WheelData = wheelData,
            Trends = trends,
        };
    }
}
