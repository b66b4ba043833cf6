using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>The review before submitting: answered count, score, proposed classification, "not done" items and breaches.</summary>
public static class SelfAssessmentReview
{
    public static OutgoingMessage Build(SelfAssessmentSession s, IReadOnlyList<Choice> choices, string promptId)
    {
        var turn = s.Turn;
        var a = s.Assessment;
        var score = a.Score(s.Form);
        var count = s.Form.Questions.Count;
        var title = turn.T("assess.review.title", ("month", DisplayFormat.Month(s.Period.Month)));
        var facts = new List<KeyValuePair<string, string>>
        {
            new(turn.T("assess.review.answered"), $"{a.Answers.Count}/{count}"),
            new(turn.T("assess.review.total"), $"{score.Total}/{score.Max} ({DisplayFormat.Percent(score.Percent, turn.Language)}%)"),
            new(turn.T("assess.review.proposed"), score.Proposed?.Label ?? turn.T("assess.proposed.afterTasks")),
        };
        var lines = new List<string> { title };
        lines.AddRange(facts.Select(f => $"• {f.Key}: {f.Value}"));
        if (score.NotDone.Count > 0)
        {
            lines.Add(turn.T("assess.review.notDone"));
            lines.AddRange(score.NotDone.Select(q => $"  {q.Index + 1}. {Short(q.Item.Text)}"));
        }

        if (score.Breaches.Count > 0)
        {
            lines.Add(turn.T("assess.review.breaches"));
            lines.AddRange(score.Breaches.Select(q => $"  {q.Index + 1}. {Short(q.Item.Text)}"));
        }

        var missing = count - a.Answers.Count;
        if (missing > 0) lines.Add(turn.T("assess.review.missing", ("missing", missing)));
        if (a.GoodDeed is not null) lines.Add(turn.T("assess.review.goodDeed", ("text", Short(a.GoodDeed))));
        AddCampaigns(s, lines);
        lines.Add(turn.T("assess.review.ask"));
        return new OutgoingMessage(string.Join('\n', lines)) { Title = title, Facts = facts, Choices = choices, PromptId = promptId };
    }

    /// <summary>The campaign answers, numbered after the plan's items (so "Sửa" reaches them), under each campaign's name.</summary>
    private static void AddCampaigns(SelfAssessmentSession s, List<string> lines)
    {
        var number = s.Form.Questions.Count;
        foreach (var campaign in s.CampaignItems.GroupBy(i => i.CampaignName))
        {
            lines.Add(s.Turn.T("assess.review.campaign", ("name", campaign.Key)));
            foreach (var item in campaign)
            {
                number++;
                var code = s.CampaignAnswers.FirstOrDefault(x => x.QuestionId == item.Question.Id)?.ChoiceCode;
                var answer = item.Scale.Choices.FirstOrDefault(c => c.Code == code)?.LabelIn(s.Turn.Language) ?? "—";
                lines.Add($"  {number}. {Short(item.Question.Text)}: {answer}");
            }
        }
    }

    private static string Short(string text) => text.Length <= 90 ? text : text[..87].TrimEnd() + "…";
}
