using System.Globalization;
using System.Text.RegularExpressions;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>
/// What a browser test clicks through the self-assessment, question by question, and the check that the database
/// holds exactly those answers. <paramref name="shift"/> varies the pattern so the two browser tests click differently.
/// </summary>
public sealed partial class ClickedAnswers(int shift)
{
    private static readonly string[] Scale = ["Thường xuyên", "Đôi khi", "Chưa thực hiện"];
    private readonly Dictionary<int, string> _clicked = [];

    public static int? QuestionNumber(string text) =>
        QuestionHeader().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The button to press for the bot's last message: a scale answer on a question (recorded), else on past notes and the good deed.</summary>
    public string Choose(string text, IReadOnlyList<string> buttons)
    {
        if (QuestionNumber(text) is not { } number) return buttons.Contains("Tiếp tục") ? "Tiếp tục" : "Bỏ qua";
        var answer = buttons.Contains("Không xảy ra") ? "Không xảy ra" : Scale[(number + shift) % 3];
        _clicked[number] = answer;
        return answer;
    }

    public async Task AssertStoredAsync(BotApplication app, string staffCode)
    {
        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        var form = app.Services.GetRequiredService<CatalogueRegistry>().Current.For(assessment.Staff!.Roles);
        Assert.Equal((staffCode, AssessmentStatus.Submitted), (assessment.Staff!.Code, assessment.Status));
        Assert.Equal(form.Questions.Count, _clicked.Count);
        var expected = _clicked.Select(c => (form.Questions[c.Key - 1].Item.Code, form.Questions[c.Key - 1].Scale.Choices.Single(s => s.Label == c.Value).Code));
        var stored = assessment.Answers.Select(a => (a.ItemCode, a.ChoiceCode));
        Assert.Equal(expected.OrderBy(x => x.Item1, StringComparer.Ordinal), stored.OrderBy(x => x.Item1, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^Câu (\d+)/\d+")]
    private static partial Regex QuestionHeader();
}
