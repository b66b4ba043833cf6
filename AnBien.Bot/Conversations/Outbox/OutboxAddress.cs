namespace AnBien.Bot.Conversations.Outbox;

/// <summary>
/// Where a message goes: the route that can deliver it (a channel's reply path, or a person through their linked
/// accounts), the route's own address as JSON, and the key whose messages must arrive in order (one chat thread).
/// </summary>
public sealed record OutboxAddress(string Route, string Json, string OrderKey);
