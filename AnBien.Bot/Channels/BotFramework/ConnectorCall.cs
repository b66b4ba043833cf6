namespace AnBien.Bot.Channels.BotFramework;

/// <summary>What a Connector request is for, as the HttpClient's handlers see it (a channel may pace its sends).</summary>
/// <param name="ChannelId">The activity's channel ("msteams", "webchat"…).</param>
/// <param name="Thread">The conversation the send goes to, keyed by host; null for calls that open a conversation.</param>
public sealed record ConnectorCall(string ChannelId, string? Thread);
