namespace AnBien.Bot.Conversations.Outbox;

/// <summary>The inbound activity a reply answers (channel and activity id), the key a redelivery is recognised by.</summary>
public sealed record OutboxSource(string Channel, string ActivityId);
