using AnBien.Bot.Storage;

namespace AnBien.Bot.Assessment;

/// <summary>
/// The individual criteria of a catalogue laid out in the order the staff member meets them. The full form holds every
/// item; <see cref="For"/> gives the form of one person, without the items meant for roles they do not have.
/// </summary>
public sealed class AssessmentForm
{
    /// <summary>The catalogue's name for leaders and managers: deputies (<see cref="StaffRoles.Leader"/>) and unit heads.</summary>
    public const string LeaderRole = "leader";

    private AssessmentForm? _withoutLeaderItems;

    public AssessmentForm(Catalogue catalogue) : this(catalogue, leader: true)
    {
    }

    private AssessmentForm(Catalogue catalogue, bool leader)
    {
        Catalogue = catalogue;
        var questions = new List<FormQuestion>();
        for (var g = 0; g < catalogue.Individual.Groups.Count; g++)
        {
            var source = catalogue.Individual.Groups[g];
            var group = leader ? source : source with { Items = source.Items.Where(i => !i.Roles.Contains(LeaderRole)).ToList() };
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

    /// <summary>The form a person with these roles answers; scores and maxima are computed on it.</summary>
    public AssessmentForm For(StaffRoles roles) =>
        (roles & (StaffRoles.Leader | StaffRoles.UnitHead)) != 0 ? this : _withoutLeaderItems ??= new AssessmentForm(Catalogue, leader: false);

    public FormQuestion FirstOfGroup(int groupIndex) => Questions.First(q => q.GroupIndex == groupIndex);

    public FormQuestion LastOfGroup(int groupIndex) => Questions.Last(q => q.GroupIndex == groupIndex);
}
