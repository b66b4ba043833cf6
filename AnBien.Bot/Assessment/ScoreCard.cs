namespace AnBien.Bot.Assessment;

/// <summary>The score of a set of answers against a form, and the classification the catalogue proposes for it.</summary>
public sealed record ScoreCard(int Total, int Max, decimal Percent, ClassificationLevel Proposed, IReadOnlyList<FormQuestion> NotDone, IReadOnlyList<FormQuestion> Breaches)
{
    /// <summary>Answers maps item code to choice code; unanswered items count as zero.</summary>
    public static ScoreCard Compute(AssessmentForm form, IReadOnlyDictionary<string, string> answers)
    {
        var total = 0;
        var notDone = new List<FormQuestion>();
        var breaches = new List<FormQuestion>();
        foreach (var q in form.Questions)
        {
            if (!answers.TryGetValue(q.Item.Code, out var code)) continue;
            var choice = q.Scale.Choices.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
            if (choice is null) continue;
            total += choice.Points;
            if (q.Item.Breach && choice.Points < 0) breaches.Add(q);
            if (!q.Item.Breach && choice.Points == 0) notDone.Add(q);
        }

        total = Math.Max(0, total);
        var percent = form.MaxPoints == 0 ? 0 : Math.Round(100m * total / form.MaxPoints, 1);
        return new ScoreCard(total, form.MaxPoints, percent, form.Catalogue.Classification.Classify(percent), notDone, breaches);
    }
}
