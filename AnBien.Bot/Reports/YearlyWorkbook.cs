using AnBien.Bot.Conversations;
using AnBien.Bot.Summaries;
using ClosedXML.Excel;

namespace AnBien.Bot.Reports;

/// <summary>
/// The yearly or milestone report as a workbook for the council's file (the plan's "hồ sơ" for awards), with
/// Vietnamese headers: the report's figures, each unit, each person with each month's classification (proposals
/// marked), good deeds and initiatives with the people they name, the award candidates with their evidence and the
/// near misses with the rules they failed. `awards --format xlsx` writes the first sheet and the last two only.
/// </summary>
public sealed class YearlyWorkbook(TextCatalog texts)
{
    /// <summary>The report sheet's rows: label in column A, value in column B.</summary>
    public const int MonthsRow = 3, ExpectedRow = 4, SubmittedRow = 5, ParticipationRow = 6, BreachesRow = 7, DeedsRow = 8, CandidatesRow = 9, NearMissesRow = 10;

    /// <summary>Column of the first month on the people sheet; the months held follow in order.</summary>
    public const int FirstMonthColumn = 10;

    public void Write(AwardList awards, string language, Stream output, bool awardsOnly = false)
    {
        string T(string key) => texts.Get(language, key);
        var report = awards.Report;
        using var workbook = new XLWorkbook();
        WriteReportSheet(workbook.Worksheets.Add(T("report.sheet.report")), awards, language);

        if (!awardsOnly)
        {
            var units = workbook.Worksheets.Add(T("report.sheet.units"));
            Header(units, T("report.unitCode"), T("report.unitName"), T("report.parentUnit"), T("report.expected"), T("report.submitted"),
                T("report.participation"), T("workbook.averagePercent"), T("workbook.breaches"), T("report.deeds"));
            var row = 2;
            foreach (var u in report.Units)
            {
                Text(units, row, u.Code, u.Name, u.ParentCode ?? "");
                units.Cell(row, 4).SetValue(u.Expected);
                units.Cell(row, 5).SetValue(u.Submitted);
                Number(units.Cell(row, 6), u.ParticipationPercent);
                Number(units.Cell(row, 7), u.AveragePercent);
                units.Cell(row, 8).SetValue(u.Breaches);
                units.Cell(row, 9).SetValue(u.Deeds);
                row++;
            }

            var people = workbook.Worksheets.Add(T("report.sheet.people"));
            Header(people, [T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("report.monthsExpected"), T("report.monthsSubmitted"),
                T("workbook.averagePercent"), T("workbook.breaches"), T("report.deeds"), T("report.namedIn"), .. report.MonthsHeld.Select(DisplayFormat.Month)]);
            var proposed = T("report.proposedMark");
            row = 2;
            foreach (var p in report.People)
            {
                Text(people, row, p.UnitCode, p.Code, p.FullName);
                people.Cell(row, 4).SetValue(p.MonthsExpected);
                people.Cell(row, 5).SetValue(p.MonthsSubmitted);
                Number(people.Cell(row, 6), p.AveragePercent);
                people.Cell(row, 7).SetValue(p.Breaches);
                people.Cell(row, 8).SetValue(p.Deeds.Count);
                people.Cell(row, 9).SetValue(p.NamedIn.Count);
                foreach (var m in p.Months)
                {
                    var column = FirstMonthColumn + IndexOf(report.MonthsHeld, m.Month);
                    people.Cell(row, column).SetValue(m.Confirmed ? m.Label : $"{m.Label} {proposed}");
                }

                row++;
            }

            var deeds = workbook.Worksheets.Add(T("report.sheet.deeds"));
            Header(deeds, T("workbook.month"), T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("workbook.kind"), T("workbook.text"), T("report.named"));
            row = 2;
            foreach (var d in report.Deeds)
            {
                Text(deeds, row++, DisplayFormat.Month(d.Month), d.UnitCode, d.AuthorCode, d.AuthorName, d.GroupCode ?? T("workbook.goodDeed"), d.Text, string.Join(", ", d.Named));
            }
        }

        WriteAwardSheet(workbook.Worksheets.Add(T("report.sheet.candidates")), awards, awards.Candidates, language, failedOnly: false);
        WriteAwardSheet(workbook.Worksheets.Add(T("report.sheet.nearMisses")), awards, awards.NearMisses, language, failedOnly: true);
        workbook.SaveAs(output);
    }

    private void WriteReportSheet(IXLWorksheet sheet, AwardList awards, string language)
    {
        string T(string key) => texts.Get(language, key);
        var r = awards.Report;
        sheet.Cell(1, 1).SetValue(T("workbook.unit"));
        sheet.Cell(1, 2).SetValue($"{r.UnitName} ({r.UnitCode}{(r.WithSubunits ? "+" : "")})");
        sheet.Cell(2, 1).SetValue(T("workbook.period"));
        sheet.Cell(2, 2).SetValue(SummaryText.PeriodName(texts, language, r.Period));
        Figure(sheet, MonthsRow, T("report.monthsHeld"), r.MonthsHeld.Count);
        Figure(sheet, ExpectedRow, T("report.expected"), r.Expected);
        Figure(sheet, SubmittedRow, T("report.submitted"), r.Submitted);
        Figure(sheet, ParticipationRow, T("report.participation"), r.Expected == 0 ? null : Math.Round(100m * r.Submitted / r.Expected, 1, MidpointRounding.AwayFromZero));
        Figure(sheet, BreachesRow, T("workbook.breaches"), r.Breaches);
        Figure(sheet, DeedsRow, T("report.deeds"), r.Deeds.Count);
        Figure(sheet, CandidatesRow, T("report.candidates"), awards.Candidates.Count);
        Figure(sheet, NearMissesRow, T("report.nearMisses"), awards.NearMisses.Count);

        var row = NearMissesRow + 2;
        sheet.Cell(row, 1).SetValue(T("report.rules"));
        sheet.Cell(row, 1).Style.Font.Bold = true;
        var rules = awards.Rules;
        (string Key, decimal Value)[] lines =
        [
            ("awards.setting.monthsSubmitted", rules.MinMonthsSubmitted), ("awards.setting.breaches", rules.MaxBreaches),
            ("awards.setting.monthsAtLevel", rules.MinMonthsAtLevel), ("awards.setting.unitParticipation", rules.MinUnitParticipationPercent),
        ];
        foreach (var (key, value) in lines)
        {
            row++;
            sheet.Cell(row, 1).SetValue(texts.Get(language, key, ("level", awards.MinLevelLabel)));
            sheet.Cell(row, 2).SetValue(value);
        }

        // Fixed widths: ClosedXML measures text through System.Drawing (libgdiplus), which servers do not have.
        sheet.Column(1).Width = 44;
        sheet.Column(2).Width = 60;
    }

    private void WriteAwardSheet(IXLWorksheet sheet, AwardList awards, IReadOnlyList<AwardCandidate> people, string language, bool failedOnly)
    {
        string T(string key) => texts.Get(language, key);
        Header(sheet, T("workbook.unit"), T("workbook.staffCode"), T("workbook.fullName"), T("report.monthsSubmitted"), T("workbook.breaches"),
            T("report.monthsAtLevel"), T("report.unitParticipation"), T("workbook.averagePercent"), T(failedOnly ? "report.failedRules" : "report.evidence"));
        var row = 2;
        foreach (var c in people)
        {
            Text(sheet, row, c.Person.UnitCode, c.Person.Code, c.Person.FullName);
            sheet.Cell(row, 4).SetValue(c.Person.MonthsSubmitted);
            sheet.Cell(row, 5).SetValue(c.Person.Breaches);
            sheet.Cell(row, 6).SetValue(c.MonthsAtLevel.Count);
            sheet.Cell(row, 7).SetValue(c.Checks.Single(x => x.Rule == AwardRule.UnitParticipation).Actual);
            Number(sheet.Cell(row, 8), c.Person.AveragePercent);
            Text(sheet, row, 9, AwardEvidence.Describe(texts, language, awards, c, failedOnly));
            row++;
        }

        sheet.Column(9).Width = 90;
    }

    private static int IndexOf(IReadOnlyList<string> months, string month)
    {
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i] == month) return i;
        }

        return months.Count;
    }

    private static void Figure(IXLWorksheet sheet, int row, string label, decimal? value)
    {
        sheet.Cell(row, 1).SetValue(label);
        Number(sheet.Cell(row, 2), value);
    }

    private static void Number(IXLCell cell, decimal? value)
    {
        if (value is { } v) cell.SetValue(v);
    }

    private static void Header(IXLWorksheet sheet, params string[] names)
    {
        for (var c = 0; c < names.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(names[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
            sheet.Column(c + 1).Width = c == 2 || c == 5 ? 28 : 14;
        }

        sheet.SheetView.FreezeRows(1);
    }

    /// <summary>Text stays text: codes such as "CN-A-1" or "01/2026" must not be read as dates or numbers.</summary>
    private static void Text(IXLWorksheet sheet, int row, params string[] values) => Text(sheet, row, 1, values);

    private static void Text(IXLWorksheet sheet, int row, int firstColumn, params string[] values)
    {
        for (var c = 0; c < values.Length; c++)
        {
            var cell = sheet.Cell(row, firstColumn + c);
            cell.DataType = XLDataType.Text;
            cell.SetValue(values[c]);
        }
    }
}
