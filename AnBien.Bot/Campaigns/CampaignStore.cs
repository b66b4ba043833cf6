using System.Text.Json;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Campaigns;

/// <summary>Campaigns in the database: adding them, which ones a period opening on a day carries, and their figures.</summary>
public static class CampaignStore
{
    public static async Task<Campaign> AddAsync(BotDbContext db, CampaignDefinition definition, DateTimeOffset now, CancellationToken ct)
    {
        var campaign = new Campaign
        {
            Name = definition.Name.Trim(), Description = definition.Description, From = definition.From, To = definition.To, CreatedAt = now,
            Questions = [.. definition.Questions.Select((q, i) => new CampaignQuestion
            {
                Code = q.Code.Trim(), Text = q.Text.Trim(), Position = i, ChoicesJson = JsonSerializer.Serialize(q.Choices, JsonSerializerOptions.Web),
            })],
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>The campaigns running on a day, as a period records them when it opens (null when none).</summary>
    public static async Task<string?> RunningIdsAsync(BotDbContext db, DateOnly day, CancellationToken ct)
    {
        var ids = await db.Campaigns.Where(c => c.From <= day && c.To >= day).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The campaigns a period carries, with their questions in order.</summary>
    public static async Task<IReadOnlyList<Campaign>> OfPeriodAsync(BotDbContext db, Period period, CancellationToken ct)
    {
        var ids = period.CampaignIdList();
        if (ids.Count == 0) return [];
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Questions).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in campaigns) c.Questions.Sort((a, b) => a.Position.CompareTo(b.Position));
        return campaigns;
    }

    /// <summary>One assessment's campaign answers, tracked so the dialog can change them within the turn.</summary>
    public static async Task<List<CampaignAnswer>> AnswersAsync(BotDbContext db, long assessmentId, CancellationToken ct) =>
        await db.CampaignAnswers.Where(x => x.AssessmentId == assessmentId).ToListAsync(ct);

    /// <summary>
    /// The submitted answers to the campaign questions of these periods (optionally only in some units), counted in the
    /// database: one grouped query over the answers, whatever the number of staff.
    /// </summary>
    public static async Task<IReadOnlyList<CampaignFigure>> FiguresAsync(BotDbContext db, IReadOnlyCollection<Period> periods, IReadOnlyCollection<int>? unitIds, CancellationToken ct)
    {
        var campaignIds = periods.SelectMany(p => p.CampaignIdList()).Distinct().ToList();
        if (campaignIds.Count == 0) return [];
        var periodIds = periods.Select(p => p.Id).ToList();
        var assessments = db.Assessments.Where(a => periodIds.Contains(a.PeriodId) && a.Status == AssessmentStatus.Submitted);
        if (unitIds is not null) assessments = assessments.Where(a => unitIds.Contains(a.UnitId));
        var counts = await db.CampaignAnswers
            .Where(x => assessments.Any(a => a.Id == x.AssessmentId))
            .GroupBy(x => new { x.QuestionId, x.ChoiceCode })
            .Select(g => new { g.Key.QuestionId, g.Key.ChoiceCode, Count = g.Count() })
            .ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Questions).Where(c => campaignIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
        return [.. campaigns.Select(c => new CampaignFigure(c.Id, c.Name, [.. c.Questions.OrderBy(q => q.Position).Select(q =>
        {
            var mine = counts.Where(x => x.QuestionId == q.Id).ToList();
            var distribution = q.Scale().Choices.Select(choice => new CampaignChoiceCount(choice,
                mine.Where(x => string.Equals(x.ChoiceCode, choice.Code, StringComparison.OrdinalIgnoreCase)).Sum(x => x.Count))).ToList();
            return new CampaignQuestionFigure(q.Code, q.Text, mine.Sum(x => x.Count), distribution);
        })]))];
    }
}
