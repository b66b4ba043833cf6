using System.Text.Json.Nodes;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>One message the bot posted, as Teams would show it: plain text, or an Adaptive Card with buttons.</summary>
public sealed record TeamsReply(JsonObject Activity, string? Id)
{
    public JsonObject? Card => Activity["attachments"]?[0]?["content"]?.AsObject();

    /// <summary>Everything the person reads: the text, or the card's text blocks, facts and images' alternative text.</summary>
    public string Text => Card is { } card
        ? string.Join("\n", card["body"]!.AsArray().Select(b => b!["type"]!.GetValue<string>() == "FactSet"
            ? string.Join("\n", b["facts"]!.AsArray().Select(f => $"{f!["title"]}: {f["value"]}"))
            : (b["text"] ?? b["altText"])?.GetValue<string>() ?? ""))
        : Activity["text"]?.GetValue<string>() ?? "";

    public IReadOnlyList<string> Buttons =>
        Card?["actions"]?.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList() ?? [];

    public JsonNode DataOf(string button) =>
        Card!["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == button)!["data"]!;

    public override string ToString() => Buttons.Count == 0 ? Text : $"{Text} [{string.Join(" | ", Buttons)}]";
}
