namespace AnBien.Bot.Review;

/// <summary>A capped level's room in one unit and month: <paramref name="Left"/> more may be confirmed at it.</summary>
public sealed record ReviewQuota(string Level, decimal Percent, string Of, int Basis, int Left);
