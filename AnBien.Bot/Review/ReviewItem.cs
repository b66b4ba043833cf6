namespace AnBien.Bot.Review;

/// <summary>One submission in a reviewer's list: waiting first, then those already decided (changeable in the window).</summary>
public sealed record ReviewItem(long AssessmentId, string Month, string FullName, string Proposed, string? Confirmed);
