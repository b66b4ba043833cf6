using System.Text.Json.Nodes;

namespace AnBien.Bot.Channels.BotFramework;

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public string? ContentUrl { get; set; }
    public string? Name { get; set; }
}
