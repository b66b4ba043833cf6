namespace AnBien.Bot.Assessment;

/// <summary>The individual criteria of a catalogue laid out in the order the staff member meets them.</summary>
public sealed class AssessmentForm
{
    public AssessmentForm(Catalogue catalogue)
    {
        Catalogue = catalogue;
        var questions = new List<FormQuestion>();
        for (var g = 0; g < catalogue.Individual.Groups.Count; g++)
        {
            var group = catalogue.Individual.Groups[g];
            for (var i = 0; i < group.Items.Count; i++)
            {
                questions.Add(new FormQuestion(questions.Count, g, i, group, group.Items[i], catalogue.ScaleOf(group.Items[i])));
            }
        }

        Questions = questions;
        ByCode = questions.ToDictionary(q => q.Item.Code, StringComparer.OrdinalIgnoreCase);
        MaxPoints = questions.Where(q => !q.Item.Breach).Sum(q => q.Scale.MaxPoints);
    }

    public Catalogue Catalogue { get; }
    public IReadOnlyList<FormQuestion> Questions { get; }
    public IReadOnlyDictionary<string, FormQuestion> ByCode { get; }
    public IReadOnlyList<CatalogueGroup> Groups => Catalogue.Individual.Groups;
    public int MaxPoints { get; }

    public FormQuestion FirstOfGroup(int groupIndex) => Questions.First(q => q.GroupIndex == groupIndex);

    public FormQuestion LastOfGroup(int groupIndex) => Questions.Last(q => q.GroupIndex == groupIndex);
}
