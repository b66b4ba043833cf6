namespace AnBien.Bot.Assessment;

/// <summary>
/// The score of a set of answers against a form, and the classification the catalogue proposes for it. On a catalogue
/// with a task part (Decree 335/2025), Total and Max are the self-assessment alone until the head enters the task
/// points, and there is no proposal before; then they are on the catalogue's scale.
/// </summary>
public sealed record ScoreCard(int Total, int Max, decimal Percent, ClassificationLevel? Proposed, IReadOnlyList<FormQuestion> NotDone, IReadOnlyList<FormQuestion> Breaches)
{
    /// <summary>The self-assessed points and their maximum (the same as Total and Max without a task part).</summary>
    public int SelfTotal { get; init; }
    public int SelfMax { get; init; }

    /// <summary>The head's task points, when the catalogue has a task part and they have been entered.</summary>
    public int? TaskPoints { get; init; }

    /// <summary>Answers maps item code to choice code; unanswered items count as zero.</summary>
    public static ScoreCard Compute(AssessmentForm form, IReadOnlyDictionary<string, string> answers, int? taskPoints = null)
    {
        var self = 0;
        var notDone = new List<FormQuestion>();
        var breaches = new List<FormQuestion>();
        foreach (var q in form.Questions)
        {
            if (!answers.TryGetValue(q.Item.Code, out var code)) continue;
            var choice = q.Scale.Choices.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
            if (choice is null) continue;
            self += choice.Points;
            if (q.Item.Breach && choice.Points < 0) breaches.Add(q);
            if (!q.Item.Breach && choice.Points == 0) notDone.Add(q);
        }

        self = Math.Max(0, self);
        var classification = form.Catalogue.Classification;
        var (total, max) = (self, form.MaxPoints);
        var task = classification.TaskPart is null ? null : taskPoints;
        if (task is { } points) (total, max) = (self + points, form.MaxPoints + classification.TaskPart!.MaxPoints);
        var percent = max == 0 ? 0 : Math.Round(100m * total / max, 1);
        var proposed = classification.TaskPart is not null && task is null ? null : classification.Classify(percent);
        return new ScoreCard(total, max, percent, proposed, notDone, breaches) { SelfTotal = self, SelfMax = form.MaxPoints, TaskPoints = task };
    }
}
