namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Answer to POST /v3/conversations: {"id","activityId","serviceUrl"} (docs/protocols/botframework.md §3).</summary>
public sealed record ConversationResourceResponse(string Id, string? ActivityId, string? ServiceUrl);
