namespace AnBien.Bot.Channels.Teams;

/// <summary>At most <see cref="Count"/> sends in any <see cref="Window"/>.</summary>
public sealed record SendLimit(int Count, TimeSpan Window);
