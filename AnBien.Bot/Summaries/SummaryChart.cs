using AnBien.Bot.Conversations;
using ScottPlot;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The summary's chart as a PNG: the share submitted, then the average of each group, the unit's bar beside the
/// organisation's. Drawn at 720 px with large type so it stays readable when a phone shows it 360 px wide.
/// </summary>
public static class SummaryChart
{
    public const int Width = 720;
    public const int Height = 720;

    /// <summary>Debian's fonts-dejavu-core; it covers Vietnamese, which Skia's fallback font may not.</summary>
    private const string FontName = "DejaVu Sans";

    private static readonly Color UnitColor = Color.FromHex("#1F5FA8");
    private static readonly Color OrganisationColor = Color.FromHex("#B8BEC6");

    public static byte[] Render(TextCatalog texts, string language, UnitSummary s)
    {
        var culture = TextCatalog.Culture(language);
        var plot = new Plot();
        var labels = new List<string> { texts.Get(language, "chart.submitted") };
        var unitValues = new List<double?> { Share(s.Submitted, s.Expected) };
        var orgValues = new List<double?> { s.Organisation is { } org ? Share(org.Submitted, org.Expected) : null };
        foreach (var g in s.Groups)
        {
            labels.Add(g.Letter);
            unitValues.Add((double?)g.AveragePercent);
            orgValues.Add((double?)s.Organisation?.Groups.FirstOrDefault(x => x.Code == g.Code)?.AveragePercent);
        }

        var bars = new List<Bar>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (unitValues[i] is { } u) bars.Add(new Bar { Position = i * 3, Value = u, FillColor = UnitColor, Label = u.ToString("0", culture) });
            if (orgValues[i] is { } o) bars.Add(new Bar { Position = i * 3 + 1, Value = o, FillColor = OrganisationColor, Label = o.ToString("0", culture) });
        }

        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 18;
        series.ValueLabelStyle.FontName = FontName;

        // The groups go by their letter (a, b, c, d, đ…) as in the plan; full names would not fit 360 px.
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => i * 3 + 0.5).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 24;
        plot.Axes.Left.TickLabelStyle.FontSize = 20;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsY(0, 110);
        plot.YLabel("%");
        plot.Axes.Left.Label.FontSize = 20;
        plot.Title($"{s.UnitName} – {SummaryText.PeriodName(texts, language, s.Period)}");
        plot.Axes.Title.Label.FontSize = 24;

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = s.UnitName, FillColor = UnitColor });
        if (s.Organisation is not null) plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.Get(language, "chart.organisation"), FillColor = OrganisationColor });
        plot.Legend.FontSize = 20;
        plot.Legend.FontName = FontName;
        plot.ShowLegend(Edge.Bottom);
        plot.Font.Set(FontName);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static double? Share(int part, int whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);
}
