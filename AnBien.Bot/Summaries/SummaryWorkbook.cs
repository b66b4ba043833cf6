using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The summary as a workbook for filing, with Vietnamese headers: the summary, every submitted answer, who has not
/// submitted, good deeds and initiatives, and each person's total and classification. Rows are streamed from the
/// database per sheet rather than gathered first.
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

        using var workbook = new XLWorkbook();
        WriteSummarySheet(workbook.Worksheets.Add(T("workbook.sheet.summary")), summary, language);

        var answers = workbook.Worksheets.Add(T("workbook.sheet.answers"));
        Header(answers, T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("workbook.item"), T("workbook.answer"), T("workbook.points"));
        var row = 2;
        var rows = from x in db.Answers.AsNoTracking()
                   join a in submitted on x.AssessmentId equals a.Id
                   orderby a.UnitId, a.Staff!.Code, a.PeriodId, x.Id
                   select new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, x.ItemCode, x.ChoiceCode, x.Points };
        await foreach (var x in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var label = forms[x.PeriodId].ByCode.TryGetValue(x.ItemCode, out var q)
                ? q.Scale.Choices.FirstOrDefault(c => c.Code == x.ChoiceCode)?.Label ?? x.ChoiceCode
                : x.ChoiceCode;
            Text(answers, row, monthOf[x.PeriodId], tree.CodeOf(x.UnitId), x.Code, x.FullName, x.ItemCode, label);
            answers.Cell(row++, 7).SetValue(x.Points);
        }

        var missing = workbook.Worksheets.Add(T("workbook.sheet.notSubmitted"));
        Header(missing, T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"));
        row = 2;
        foreach (var n in summary.NotSubmitted) Text(missing, row++, n.Month, n.UnitCode, n.Code, n.FullName);

        var deeds = workbook.Worksheets.Add(T("workbook.sheet.goodDeeds"));
        Header(deeds, T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("workbook.kind"), T("workbook.text"));
        row = 2;
        foreach (var d in summary.GoodDeeds) Text(deeds, row++, d.Month, d.UnitCode, d.StaffCode, d.FullName, d.GroupCode ?? T("workbook.goodDeed"), d.Text);

        var people = workbook.Worksheets.Add(T("workbook.sheet.people"));
        Header(people, T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("workbook.total"), T("workbook.max"),
            T("workbook.percent"), T("workbook.proposed"), T("workbook.confirmed"), T("workbook.submittedAt"));
        var levels = summary.Classifications.ToDictionary(c => c.Code, c => c.Label);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(periods.Options.TimeZone);
        row = 2;
        var persons = submitted.OrderBy(a => a.UnitId).ThenBy(a => a.Staff!.Code).ThenBy(a => a.PeriodId)
            .Select(a => new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, a.TotalPoints, a.MaxPoints, a.ProposedClassification, a.ConfirmedClassification, a.SubmittedAt });
        await foreach (var p in persons.AsAsyncEnumerable().WithCancellation(ct))
        {
            Text(people, row, monthOf[p.PeriodId], tree.CodeOf(p.UnitId), p.Code, p.FullName);
            people.Cell(row, 5).SetValue(p.TotalPoints ?? 0);
            people.Cell(row, 6).SetValue(p.MaxPoints ?? 0);
            if (p.MaxPoints is > 0) people.Cell(row, 7).SetValue(Math.Round(100m * (p.TotalPoints ?? 0) / p.MaxPoints.Value, 1));
            people.Cell(row, 8).SetValue(Label(levels, p.ProposedClassification));
            people.Cell(row, 9).SetValue(Label(levels, p.ConfirmedClassification));
            if (p.SubmittedAt is { } at) people.Cell(row, 10).SetValue(TimeZoneInfo.ConvertTime(at, zone).DateTime);
            people.Cell(row, 10).Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
            row++;
        }

        // The units' own collective assessments (the catalogue's collective part), one row per unit and month.
        var collective = workbook.Worksheets.Add(T("workbook.sheet.collective"));
        Header(collective, T("workbook.month"), T("workbook.unit"), T("workbook.total"), T("workbook.max"), T("workbook.percent"));
        row = 2;
        foreach (var c in summary.Collective)
        {
            Text(collective, row, c.Month, c.UnitCode);
            collective.Cell(row, 3).SetValue(c.Points);
            collective.Cell(row, 4).SetValue(c.Max);
            collective.Cell(row++, 5).SetValue(c.Percent);
        }

        workbook.SaveAs(output);
    }

    private void WriteSummarySheet(IXLWorksheet sheet, UnitSummary s, string language)
    {
        string T(string key) => texts.Get(language, key);
        sheet.Cell(1, 1).SetValue(T("workbook.unit"));
        sheet.Cell(1, 2).SetValue($"{s.UnitName} ({s.UnitCode}{(s.WithSubunits ? "+" : "")})");
        sheet.Cell(2, 1).SetValue(T("workbook.period"));
        sheet.Cell(2, 2).SetValue(SummaryText.PeriodName(texts, language, s.Period));
        Figure(sheet, ExpectedRow, T("workbook.expected"), s.Expected);
        Figure(sheet, SubmittedRow, T("workbook.submitted"), s.Submitted);
        Figure(sheet, NotSubmittedRow, T("workbook.notSubmitted"), s.NotSubmitted.Count);
        Figure(sheet, AverageRow, T("workbook.averagePercent"), s.AveragePercent);
        Figure(sheet, OrganisationRow, T("workbook.organisationPercent"), s.Organisation?.AveragePercent);
        Figure(sheet, PreviousRow, T("workbook.previousPercent"), s.Previous?.AveragePercent);
        Figure(sheet, BreachesRow, T("workbook.breaches"), s.BreachesReported);

        var row = BreachesRow + 2;
        Header(sheet, row, T("workbook.group"), T("workbook.itemText"), T("workbook.averagePercent"), T("workbook.organisationPercent"));
        foreach (var g in s.Groups)
        {
            row++;
            Text(sheet, row, g.Letter, g.Name);
            SetNumber(sheet.Cell(row, 3), g.AveragePercent);
            SetNumber(sheet.Cell(row, 4), s.Organisation?.Groups.FirstOrDefault(o => o.Code == g.Code)?.AveragePercent);
        }

        row += 2;
        Header(sheet, row, T("workbook.item"), T("workbook.itemText"), T("workbook.averagePoints"), T("workbook.notDoneCount"), T("workbook.breachCount"));
        foreach (var i in s.Items)
        {
            row++;
            Text(sheet, row, i.Code, i.Text);
            SetNumber(sheet.Cell(row, 3), i.AveragePoints);
            sheet.Cell(row, 4).SetValue(i.NotDoneCount);
            sheet.Cell(row, 5).SetValue(i.BreachCount);
        }

        row += 2;
        Header(sheet, row, T("workbook.classification"), T("workbook.proposed"), T("workbook.confirmed"));
        foreach (var c in s.Classifications)
        {
            row++;
            Text(sheet, row, c.Label);
            sheet.Cell(row, 2).SetValue(c.Proposed);
            sheet.Cell(row, 3).SetValue(c.Confirmed);
        }

        // Fixed widths: ClosedXML measures text through System.Drawing (libgdiplus), which servers do not have.
        sheet.Column(1).Width = 28;
        sheet.Column(2).Width = 60;
        for (var c = 3; c <= 5; c++) sheet.Column(c).Width = 18;
    }

    private static void Figure(IXLWorksheet sheet, int row, string label, decimal? value)
    {
        sheet.Cell(row, 1).SetValue(label);
        SetNumber(sheet.Cell(row, 2), value);
    }

    private static void SetNumber(IXLCell cell, decimal? value)
    {
        if (value is { } v) cell.SetValue(v);
    }

    private static string Label(Dictionary<string, string> levels, string? code) =>
        code is null ? "" : levels.GetValueOrDefault(code, code);

    private static void Header(IXLWorksheet sheet, params string[] names) => Header(sheet, 1, names);

    private static void Header(IXLWorksheet sheet, int row, params string[] names)
    {
        for (var c = 0; c < names.Length; c++)
        {
            sheet.Cell(row, c + 1).SetValue(names[c]);
            sheet.Cell(row, c + 1).Style.Font.Bold = true;
            if (row == 1) sheet.Column(c + 1).Width = c == 3 || c == 5 ? 28 : 14;
        }

        if (row == 1) sheet.SheetView.FreezeRows(1);
    }

    /// <summary>Text stays text: codes such as "CN-A-1" or "2026-10" must not be read as dates or numbers.</summary>
    private static void Text(IXLWorksheet sheet, int row, params string[] values)
    {
        for (var c = 0; c < values.Length; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            cell.DataType = XLDataType.Text;
            cell.SetValue(values[c]);
        }
    }
}
