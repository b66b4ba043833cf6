using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AnBien.Bot.Assessment;

/// <summary>
/// A person's answers from their last submitted month, for "giống tháng trước". Earlier months are closed and no
/// longer change, so they are read once and kept for a while instead of on every turn.
/// </summary>
public sealed class PreviousAnswers(IMemoryCache cache)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyDictionary<string, string>> ForAsync(BotDbContext db, int staffId, string month, CancellationToken ct)
    {
        if (cache.TryGetValue((nameof(PreviousAnswers), staffId, month), out IReadOnlyDictionary<string, string>? known) && known is not null)
        {
            return known;
        }

        var rows = await db.Assessments.AsNoTracking()
            .Where(x => x.StaffId == staffId && x.Status == AssessmentStatus.Submitted && string.Compare(x.Period!.Month, month) < 0)
            .OrderByDescending(x => x.Period!.Month)
            .Select(x => x.Answers.Select(y => new { y.ItemCode, y.ChoiceCode }).ToList())
            .FirstOrDefaultAsync(ct);
        IReadOnlyDictionary<string, string> answers = rows?.ToDictionary(x => x.ItemCode, x => x.ChoiceCode, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        cache.Set((nameof(PreviousAnswers), staffId, month), answers, Keep);
        return answers;
    }
}
