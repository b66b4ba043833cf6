namespace AnBien.Bot.Reports;

/// <summary>The candidates for a Giấy khen or Bằng khen over a report's range, the near misses, and the rules used.</summary>
public sealed record AwardList(YearlyReport Report, AwardOptions Rules, string MinLevelLabel, IReadOnlyList<AwardCandidate> Candidates, IReadOnlyList<AwardCandidate> NearMisses);
