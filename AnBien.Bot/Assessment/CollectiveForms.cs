using System.Collections.Concurrent;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Assessment;

/// <summary>
/// The form of a catalogue's collective part (section II.2.1 of the plan), laid out and scored exactly like the
/// individual form: same scales, same thresholds. Built once per catalogue version.
/// </summary>
public sealed class CollectiveForms(CatalogueRegistry catalogues)
{
    private readonly ConcurrentDictionary<(string, string), AssessmentForm?> _forms = new();

    /// <summary>The collective form of the period's catalogue, or null when that catalogue has no collective part.</summary>
    public async Task<AssessmentForm?> FormForAsync(BotDbContext db, Period period, CancellationToken ct) =>
        Of((await catalogues.FormForAsync(db, period, ct)).Catalogue);

    public AssessmentForm? Of(Catalogue catalogue) =>
        _forms.GetOrAdd((catalogue.Id, catalogue.Version), _ =>
            catalogue.Collective is { Groups.Count: > 0 } collective ? new AssessmentForm(catalogue with { Individual = collective }) : null);
}
