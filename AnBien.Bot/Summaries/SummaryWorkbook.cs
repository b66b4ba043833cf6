using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The summary as a workbook for filing, with Vietnamese headers: the summary, every submitted answer, who has not
/// submitted, good deeds and initiatives, and each person's total and classification. Rows are streamed from the
/// database straight into the sheets (<see cref="SheetWriter"/>) rather than gathered first.
/// </summary>
public sealed class SummaryWorkbook(CatalogueRegistry catalogues, PeriodService periods, TextCatalog texts)
{
    /// <summary>The summary sheet's first rows: label in column A, value in column B.</summary>
    public const int ExpectedRow = 3, SubmittedRow = 4, NotSubmittedRow = 5, AverageRow = 6, OrganisationRow = 7, PreviousRow = 8, BreachesRow = 9;

    public async Task WriteAsync(BotDbContext db, UnitSummary summary, string language, Stream output, CancellationToken ct)
    {
        string T(string key) => texts.Get(language, key);
        var tree = await UnitTree.LoadAsync(db, ct);
        List<int>? unitIds = null;
        if (tree.TryFind(summary.UnitCode, out var unit))
        {
            var all = summary.WithSubunits ? tree.SelfAndDescendants(unit.Id) : [unit.Id];
            unitIds = all.Count == tree.Count ? null : all;
        }

        var months = summary.MonthsHeld.ToList();
        var held = await db.Periods.AsNoTracking().Where(p => months.Contains(p.Month)).ToListAsync(ct);
        var periodIds = held.Select(p => p.Id).ToList();
        var monthOf = held.ToDictionary(p => p.Id, p => p.Month);
        var forms = new Dictionary<int, AssessmentForm>();
        foreach (var p in held) forms[p.Id] = await catalogues.FormForAsync(db, p, ct);
        var submitted = db.Assessments.AsNoTracking().Where(a => periodIds.Contains(a.PeriodId) && a.Status == AssessmentStatus.Submitted);
        if (unitIds is not null) submitted = submitted.Where(a => unitIds.Contains(a.UnitId));

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        SheetWriter.AddStyles(workbook);
        using (var sheet = new SheetWriter(workbook, T("workbook.sheet.summary"), [28, 60, 18, 18, 18], freezeHeader: false))
        {
            WriteSummarySheet(sheet, summary, language);
        }

        using (var answers = ListSheet(workbook, T("workbook.sheet.answers"), T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"),
                   T("workbook.fullName"), T("workbook.item"), T("workbook.answer"), T("workbook.points")))
        {
            var rows = from x in db.Answers.AsNoTracking()
                       join a in submitted on x.AssessmentId equals a.Id
                       orderby a.UnitId, a.Staff!.Code, a.PeriodId, x.Id
                       select new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, x.ItemCode, x.ChoiceCode, x.Points };
            await foreach (var x in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var label = forms[x.PeriodId].ByCode.TryGetValue(x.ItemCode, out var q)
                    ? q.Scale.Choices.FirstOrDefault(c => c.Code == x.ChoiceCode)?.Label ?? x.ChoiceCode
                    : x.ChoiceCode;
                answers.Row(monthOf[x.PeriodId], tree.CodeOf(x.UnitId), x.Code, x.FullName, x.ItemCode, label, x.Points);
            }
        }

        using (var missing = ListSheet(workbook, T("workbook.sheet.notSubmitted"), T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName")))
        {
            foreach (var n in summary.NotSubmitted) missing.Row(n.Month, n.UnitCode, n.Code, n.FullName);
        }

        using (var deeds = ListSheet(workbook, T("workbook.sheet.goodDeeds"), T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"),
                   T("workbook.fullName"), T("workbook.kind"), T("workbook.text")))
        {
            foreach (var d in summary.GoodDeeds) deeds.Row(d.Month, d.UnitCode, d.StaffCode, d.FullName, d.GroupCode ?? T("workbook.goodDeed"), d.Text);
        }

        using (var people = ListSheet(workbook, T("workbook.sheet.people"), T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"),
                   T("workbook.fullName"), T("workbook.total"), T("workbook.max"), T("workbook.percent"), T("workbook.proposed"), T("workbook.confirmed"),
                   T("workbook.submittedAt")))
        {
            var levels = summary.Classifications.ToDictionary(c => c.Code, c => c.Label);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(periods.Options.TimeZone);
            var persons = submitted.OrderBy(a => a.UnitId).ThenBy(a => a.Staff!.Code).ThenBy(a => a.PeriodId)
                .Select(a => new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, a.TotalPoints, a.MaxPoints, a.ProposedClassification, a.ConfirmedClassification, a.SubmittedAt });
            await foreach (var p in persons.AsAsyncEnumerable().WithCancellation(ct))
            {
                people.Row(monthOf[p.PeriodId], tree.CodeOf(p.UnitId), p.Code, p.FullName, p.TotalPoints ?? 0, p.MaxPoints ?? 0,
                    p.MaxPoints is > 0 ? Math.Round(100m * (p.TotalPoints ?? 0) / p.MaxPoints.Value, 1) : null,
                    Label(levels, p.ProposedClassification), Label(levels, p.ConfirmedClassification),
                    p.SubmittedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).DateTime : null);
            }
        }

        // The units' own collective assessments (the catalogue's collective part), one row per unit and month.
        using (var collective = ListSheet(workbook, T("workbook.sheet.collective"), T("workbook.month"), T("workbook.unit"), T("workbook.total"),
                   T("workbook.max"), T("workbook.percent")))
        {
            foreach (var c in summary.Collective) collective.Row(c.Month, c.UnitCode, c.Points, c.Max, c.Percent);
        }

        // The campaigns' extra questions (docs/campaigns.md), one row per question and choice; only when the period carries any,
        // so a summary without campaigns keeps its sheets.
        if (summary.Campaigns.Count > 0)
        {
            using var campaigns = ListSheet(workbook, T("workbook.sheet.campaigns"), T("workbook.campaign"), T("workbook.question"), T("workbook.text"),
                T("workbook.answered"), T("workbook.choice"), T("workbook.count"));
            foreach (var c in summary.Campaigns)
            {
                foreach (var q in c.Questions)
                {
                    foreach (var d in q.Distribution) campaigns.Row(c.Name, q.Code, q.Text, q.Answered, d.Choice.LabelIn(language), d.Count);
                }
            }
        }

        workbook.Workbook.Save();
    }

    private void WriteSummarySheet(SheetWriter sheet, UnitSummary s, string language)
    {
        string T(string key) => texts.Get(language, key);
        sheet.Row(T("workbook.unit"), $"{s.UnitName} ({s.UnitCode}{(s.WithSubunits ? "+" : "")})");
        sheet.Row(T("workbook.period"), SummaryText.PeriodName(texts, language, s.Period));
        sheet.Row(T("workbook.expected"), s.Expected);
        sheet.Row(T("workbook.submitted"), s.Submitted);
        sheet.Row(T("workbook.notSubmitted"), s.NotSubmitted.Count);
        sheet.Row(T("workbook.averagePercent"), s.AveragePercent);
        sheet.Row(T("workbook.organisationPercent"), s.Organisation?.AveragePercent);
        sheet.Row(T("workbook.previousPercent"), s.Previous?.AveragePercent);
        sheet.Row(T("workbook.breaches"), s.BreachesReported);
        Debug.Assert(sheet.NextRow == BreachesRow + 1, "The figures' rows are fixed: tests and readers look them up by number.");

        sheet.Skip(1);
        sheet.Header(T("workbook.group"), T("workbook.itemText"), T("workbook.averagePercent"), T("workbook.organisationPercent"));
        foreach (var g in s.Groups) sheet.Row(g.Letter, g.Name, g.AveragePercent, s.Organisation?.Groups.FirstOrDefault(o => o.Code == g.Code)?.AveragePercent);

        sheet.Skip(1);
        sheet.Header(T("workbook.item"), T("workbook.itemText"), T("workbook.averagePoints"), T("workbook.notDoneCount"), T("workbook.breachCount"));
        foreach (var i in s.Items) sheet.Row(i.Code, i.Text, i.AveragePoints, i.NotDoneCount, i.BreachCount);

        sheet.Skip(1);
        sheet.Header(T("workbook.classification"), T("workbook.proposed"), T("workbook.confirmed"));
        foreach (var c in s.Classifications) sheet.Row(c.Label, c.Proposed, c.Confirmed);
    }

    private static string Label(Dictionary<string, string> levels, string? code) =>
        code is null ? "" : levels.GetValueOrDefault(code, code);

    /// <summary>A list sheet: headers in a frozen first row, the wide columns (name, text) wider.</summary>
    private static SheetWriter ListSheet(WorkbookPart workbook, string name, params string[] headers)
    {
        var sheet = new SheetWriter(workbook, name, headers.Select((_, c) => c == 3 || c == 5 ? 28d : 14d).ToList(), freezeHeader: true);
        sheet.Header(headers);
        return sheet;
    }
}
