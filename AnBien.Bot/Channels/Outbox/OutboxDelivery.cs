using System.Text.Json;
using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>One attempt at one claimed row: its address and payload, and a way to record parts already accepted.</summary>
public sealed class OutboxDelivery(OutboxMessage row, Func<int, Task> partsSent)
{
    public OutboxMessage Row { get; } = row;

    /// <summary>Every channel tried during the attempt (a person's message may try several accounts), for callers that report them.</summary>
    public List<DeliveryResult> Tried { get; } = [];

    public T Address<T>() => JsonSerializer.Deserialize<T>(Row.Address, OutboxQueue.Json)
        ?? throw new JsonException($"Outbox row {Row.Id} has an empty address.");

    public T Payload<T>() => JsonSerializer.Deserialize<T>(Row.Payload, OutboxQueue.Json)
        ?? throw new JsonException($"Outbox row {Row.Id} has an empty payload.");

    /// <summary>Stores that the first <paramref name="count"/> parts are accepted, so a retry does not send them again.</summary>
    public async Task PartsSentAsync(int count)
    {
        Row.PartsSent = count;
        await partsSent(count);
    }
}
