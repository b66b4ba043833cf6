using System.Text.Json.Nodes;
using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Channels.Zalo;

/// <summary>One /message/cs call as the Zalo user sees it: recipient, text and button titles.</summary>
public sealed record ZaloReply(RecordedRequest Request)
{
    public JsonNode Body => Request.Json!;
    public string UserId => Body["recipient"]!["user_id"]!.GetValue<string>();
    public string Text => Body["message"]!["text"]?.GetValue<string>() ?? "";
    public string? TemplateType => Body["message"]!["attachment"]?["payload"]?["template_type"]?.GetValue<string>();

    public IReadOnlyList<string> Buttons => ButtonNodes.Select(b => b["title"]!.GetValue<string>()).ToList();

    public string Payload(string title) =>
        ButtonNodes.Single(b => b["title"]!.GetValue<string>() == title)["payload"]!.GetValue<string>();

    private IEnumerable<JsonNode> ButtonNodes =>
        Body["message"]!["attachment"]?["payload"]?["buttons"]?.AsArray().Select(b => b!) ?? [];

    public override string ToString() => Buttons.Count == 0 ? Text : $"{Text} [{string.Join(" | ", Buttons)}]";
}
