using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Review;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// One submission as the reviewer sees it: total, proposal, the items "Chưa thực hiện", the breaches, the person's notes
/// and good deed, and any earlier decision. Notes and the good deed are shown in full: the head decides on them.
/// </summary>
public static class ReviewSummary
{
    public static OutgoingMessage Build(TurnContext turn, Storage.Assessment a, AssessmentForm form)
    {
        var score = a.Score(form);
        var title = turn.T("review.detail.title", ("name", a.Staff!.FullName), ("month", DisplayFormat.Month(a.Period!.Month)));
        var facts = new List<KeyValuePair<string, string>>
        {
            new(turn.T("assess.review.total"), $"{score.Total}/{score.Max} ({DisplayFormat.Percent(score.Percent, turn.Language)}%)"),
            new(turn.T("assess.review.proposed"), ReviewDesk.LabelOf(form, a.ProposedClassification)),
        };
        if (a.ConfirmedClassification is { } confirmed) facts.Add(new(turn.T("review.detail.decided"), ReviewDesk.LabelOf(form, confirmed)));
        var lines = new List<string> { title };
        lines.AddRange(facts.Select(f => $"• {f.Key}: {f.Value}"));
        lines.Add(score.NotDone.Count > 0 ? turn.T("assess.review.notDone") : turn.T("review.detail.noNotDone"));
        lines.AddRange(score.NotDone.Select(q => $"  {q.Index + 1}. {q.Item.Hint ?? q.Item.Text}"));
        lines.Add(score.Breaches.Count > 0 ? turn.T("assess.review.breaches") : turn.T("review.detail.noBreaches"));
        lines.AddRange(score.Breaches.Select(q => $"  {q.Index + 1}. {q.Item.Hint ?? q.Item.Text}"));
        foreach (var note in a.Notes)
        {
            var group = form.Groups.FirstOrDefault(g => g.Code == note.GroupCode);
            lines.Add(turn.T("review.detail.note", ("group", group is null ? note.GroupCode : $"{group.Letter}) {group.Title}"), ("text", note.Text)));
        }

        if (a.GoodDeed is not null) lines.Add(turn.T("assess.review.goodDeed", ("text", a.GoodDeed)));
        if (a.ReviewReason is not null) lines.Add(turn.T("review.detail.reason", ("reason", a.ReviewReason)));
        lines.Add(turn.T("review.detail.ask"));
        return new OutgoingMessage(string.Join('\n', lines)) { Title = title, Facts = facts };
    }
}
