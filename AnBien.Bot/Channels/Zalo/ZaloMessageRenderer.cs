using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Turns the engine's channel-neutral replies into /message/cs request bodies: text split at Zalo's limit, choices as
/// oa.query.hide buttons on the last part (docs/protocols/zalo.md §2.3: text + payload.buttons, seen in production code),
/// or, beyond the button limit, as a numbered list the person answers by typing.
/// </summary>
public sealed class ZaloMessageRenderer(IOptions<ZaloOptions> options)
{
    public IReadOnlyList<JsonObject> Render(string userId, OutgoingMessage message)
    {
        var settings = options.Value;
        var text = message.Text;
        var buttons = message.Choices.Count <= settings.MaxButtons ? message.Choices : [];
        if (message.Choices.Count > settings.MaxButtons) text += "\n" + (message.ChoicesHint ?? Numbered(message.Choices));

        var parts = ZaloTextSplitter.Split(text, settings.MaxTextLength);
        var bodies = new List<JsonObject>(parts.Count + 1);
        // A picture goes first as an image message Zalo fetches by address (docs/protocols/zalo.md §2.2, "or pass url");
        // without a public address there is none to give, and the text stands alone.
        if (message.Image is { Link: { } link }) bodies.Add(To(userId, Media(new JsonObject { ["media_type"] = "image", ["url"] = link.AbsoluteUri })));
        for (var i = 0; i < parts.Count; i++)
        {
            var content = new JsonObject { ["text"] = parts[i] };
            if (i == parts.Count - 1 && buttons.Count > 0)
            {
                content["attachment"] = new JsonObject
                {
                    ["type"] = "template",
                    ["payload"] = new JsonObject { ["buttons"] = new JsonArray(buttons.Select(c => (JsonNode)Button(c, message.PromptId, settings)).ToArray()) },
                };
            }

            bodies.Add(To(userId, content));
        }

        return bodies;
    }

    private static JsonObject Media(JsonObject element) => new()
    {
        ["attachment"] = new JsonObject
        {
            ["type"] = "template",
            ["payload"] = new JsonObject { ["template_type"] = "media", ["elements"] = new JsonArray(element) },
        },
    };

    /// <summary>An uploaded image with an optional caption (media template, docs/protocols/zalo.md §2.2).</summary>
    public static JsonObject Image(string userId, string attachmentId, string? caption)
    {
        var content = Media(new JsonObject { ["media_type"] = "image", ["attachment_id"] = attachmentId });
        if (caption is not null) content["text"] = caption;
        return To(userId, content);
    }

    /// <summary>Asks the person to share their phone (request_user_info, one element; docs/protocols/zalo.md §4).</summary>
    public JsonObject RequestUserInfo(string userId, string subtitle)
    {
        var element = new JsonObject { ["title"] = options.Value.RequestInfoTitle, ["subtitle"] = subtitle };
        if (options.Value.RequestInfoImageUrl is { Length: > 0 } image) element["image_url"] = image;
        return To(userId, new JsonObject
        {
            ["attachment"] = new JsonObject
            {
                ["type"] = "template",
                ["payload"] = new JsonObject { ["template_type"] = "request_user_info", ["elements"] = new JsonArray(element) },
            },
        });
    }

    private static JsonObject To(string userId, JsonObject content) =>
        new() { ["recipient"] = new JsonObject { ["user_id"] = userId }, ["message"] = content };

    private static JsonObject Button(Choice choice, string? promptId, ZaloOptions settings) => new()
    {
        ["title"] = choice.Label.Length <= settings.MaxButtonTitleLength ? choice.Label : choice.Label[..(settings.MaxButtonTitleLength - 1)] + "…",
        ["type"] = "oa.query.hide",
        ["payload"] = ZaloPayload.Encode(choice.Value, promptId),
    };

    private static string Numbered(IReadOnlyList<Choice> choices)
    {
        var sb = new StringBuilder();
        foreach (var c in choices)
        {
            // Only a choice with a number can be answered by typing the number; the others by their label.
            sb.Append('\n').Append(c.Number is { } n ? $"{n}. " : "• ").Append(c.Label);
        }

        return sb.ToString().TrimStart('\n');
    }
}
