using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The fields of a Bot Framework Activity this bot reads or writes (spec: microsoft/botframework-sdk
/// specs/botframework-activity). Null fields are never serialised: Teams rejects explicit nulls
/// (docs/protocols/botframework.md §1, teams.net trace).
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Timestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccountRef? From { get; set; }
    public ConversationRef? Conversation { get; set; }
    public ChannelAccountRef? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }

    /// <summary>What Teams shows in notifications and the chat list for a card message.</summary>
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public string? Action { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? ChannelData { get; set; }
    public List<ChannelAccountRef>? MembersAdded { get; set; }
    public List<ChannelAccountRef>? MembersRemoved { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<JsonElement>? Entities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
