using System.Xml.Linq;
using LivingBetter.Web.Features.CheckIns;

namespace LivingBetter.Tests.CheckIns;

public sealed class WheelSvgTests
{
    private static readonly string[] Domains = ["Money", "Home & <family>", "Hope"];

    [Fact]
    public void Wheel_ThreeCheckIns_DrawsEachWithItsOwnLineStyle_SoItReadsWithoutColour()
    {
        var svg = WheelSvg.Wheel(new WheelPicture("w", "Wheel", Domains, 1, 10,
        [
            new WheelSeries("Latest", [8, 6, null], 1, 10),
            new WheelSeries("Last time", [5, 6, 4], 1, 10),
            new WheelSeries("First", [2, 3, 3], 1, 10),
        ]));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var groups = doc.Descendants(ns + "g").ToList();
        Assert.Equal(3, groups.Count);
        var dashes = groups.Select(g => (string?)g.Elements().First().Attribute("stroke-dasharray") ?? "solid").ToList();
        Assert.Equal(3, dashes.Distinct().Count());
        // The skipped rating draws nothing rather than a zero.
        Assert.Equal(2, groups.Single(g => (string?)g.Attribute("data-series") == "Latest").Elements().Count());
        Assert.Equal("img", (string?)doc.Root!.Attribute("role"));
        Assert.Equal("w-title w-desc", (string?)doc.Root.Attribute("aria-labelledby"));
        Assert.Contains("Money (Latest: 8, Last time: 5, First: 2)", doc.Root.Element(ns + "desc")!.Value);
        Assert.Contains("Hope (Latest: skipped", doc.Root.Element(ns + "desc")!.Value);
        Assert.Contains("<family>", doc.Root.Descendants(ns + "tspan").Select(t => t.Value));
    }

    [Fact]
    public void WheelNarrow_ForPhones_NumbersEachPartAndListsTheNamesWithLatestRatings_UnderItsOwnIds()
    {
        var picture = new WheelPicture("w", "Wheel", Domains, 1, 10,
        [
            new WheelSeries("Latest", [8, 6, null], 1, 10),
            new WheelSeries("Last time", [5, 6, 4], 1, 10),
        ]);
        var doc = XDocument.Parse(WheelSvg.WheelNarrow(picture));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("w-narrow-title w-narrow-desc", (string?)doc.Root!.Attribute("aria-labelledby"));
        Assert.Contains("lb-wheel--narrow", (string?)doc.Root.Attribute("class"));
        Assert.Equal(2, doc.Descendants(ns + "g").Count());
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        foreach (var number in new[] { "1", "2", "3" })
        {
            // Once at the rim and once beside the name below.
            Assert.Equal(2, texts.Count(t => t == number));
        }
        Assert.Contains("Money: 8", texts);
        Assert.Contains("Home & <family>: 6", texts);
        Assert.Contains("Hope: skipped", texts);
        // Every label is at least 24 units in a box at most 460 wide: about 15 px or more on a 288 px column.
        var viewBox = ((string)doc.Root.Attribute("viewBox")!).Split(' ').Select(double.Parse).ToArray();
        Assert.True(viewBox[2] <= 460);
        Assert.All(doc.Descendants(ns + "text"), t => Assert.True(double.Parse((string)t.Attribute("font-size")!) >= 24));
    }

    [Fact]
    public void Wheel_HigherRating_ReachesFurtherOut_AndTheTopRatingTouchesTheRim()
    {
        Assert.True(WheelSvg.RadiusFor(7, 1, 10) > WheelSvg.RadiusFor(6, 1, 10));
        Assert.Equal(WheelSvg.Radius, WheelSvg.RadiusFor(10, 1, 10));
        Assert.Equal(WheelSvg.Radius, WheelSvg.RadiusFor(5, 1, 5));
        Assert.True(WheelSvg.RadiusFor(1, 1, 10) > 0);
    }

    [Fact]
    public void Trend_SkippedCheckIn_LeavesAGap()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var svg = WheelSvg.Trend(new TrendPicture("t", "Money over time", 1, 10,
        [
            new TrendPoint(start, 3, null, 1, 10),
            new TrendPoint(start.AddDays(30), 4, null, 1, 10),
            new TrendPoint(start.AddDays(60), null, null, 1, 10),
            new TrendPoint(start.AddDays(90), 6, null, 1, 10),
        ]));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var path = (string)doc.Descendants(ns + "path").Single().Attribute("d")!;
        Assert.Equal(2, path.Count(c => c == 'M'));
        Assert.Equal(3, doc.Descendants(ns + "circle").Count());
        Assert.Contains("2 March 2026: skipped", doc.Root!.Element(ns + "desc")!.Value);
    }

    [Fact]
    public void Trend_WorkerViewOnSomeCheckIns_IsJoinedUp_WhileThePersonsSkipStillBreaksTheirLine()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var svg = WheelSvg.Trend(new TrendPicture("t", "Home over time", 1, 10,
        [
            new TrendPoint(start, 3, 4, 1, 10),
            new TrendPoint(start.AddDays(30), null, null, 1, 10),
            new TrendPoint(start.AddDays(60), 6, 5, 1, 10),
        ]));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var paths = doc.Descendants(ns + "path").ToList();
        var worker = paths.Single(p => p.Attribute("stroke-dasharray") is not null);
        var person = paths.Single(p => p.Attribute("stroke-dasharray") is null);
        Assert.Equal(1, ((string)worker.Attribute("d")!).Count(c => c == 'M'));
        Assert.Equal(2, ((string)person.Attribute("d")!).Count(c => c == 'M'));
        Assert.Equal(2, doc.Descendants(ns + "rect").Count(r => (string?)r.Attribute("width") == "9"));
    }
}
