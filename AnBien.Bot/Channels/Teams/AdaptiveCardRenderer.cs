using System.Text.Json.Nodes;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Renders the engine's messages for Teams: a message with buttons, a title or facts becomes an Adaptive Card 1.5
/// (what Teams renders, docs/protocols/botframework.md §5) with one Action.Submit per choice carrying
/// {"choice": value, "prompt": promptId}; the text stays available as the card's fallbackText and the activity summary.
/// Plain messages stay plain text.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static bool NeedsCard(OutgoingMessage message) => message.Choices.Count > 0 || message.Facts.Count > 0 || message.Image is not null;

    /// <summary>Turns a plain reply envelope into a card message when the content calls for one.</summary>
    public static Activity Apply(Activity reply, OutgoingMessage message)
    {
        if (!NeedsCard(message)) return reply;
        reply.Text = null;
        reply.TextFormat = null;
        reply.SuggestedActions = null;
        reply.Summary = Summary(message);
        reply.Attachments = [new Attachment { ContentType = ContentType, Content = Card(message) }];
        return reply;
    }

    public static JsonObject Card(OutgoingMessage message)
    {
        var body = new JsonArray();
        if (message.Title is { Length: > 0 } title)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        }

        // The text repeats the title and the facts for channels without cards; the card shows those as heading and table.
        var facts = message.Facts.Select(f => (f.Key, f.Value)).ToList();
        foreach (var line in message.Text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line) || line.Trim() == message.Title || facts.Any(f => line.Contains(f.Key, StringComparison.Ordinal)
                && line.Contains(f.Value, StringComparison.Ordinal)))
            {
                continue;
            }

            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line.TrimEnd(), ["wrap"] = true, ["spacing"] = "Small" });
        }

        if (facts.Count > 0)
        {
            var set = new JsonArray();
            foreach (var (key, value) in facts) set.Add(new JsonObject { ["title"] = key, ["value"] = value });
            body.Insert(message.Title is { Length: > 0 } ? 1 : 0, new JsonObject { ["type"] = "FactSet", ["facts"] = set });
        }

        if (message.Image is { Source: { } source } image)
        {
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = source, ["altText"] = image.AltText, ["size"] = "Stretch" });
        }

        var actions = new JsonArray();
        foreach (var choice in message.Choices)
        {
            var data = new JsonObject { [ActivityMapper.ChoiceField] = choice.Value };
            if (message.PromptId is { } prompt) data[ActivityMapper.PromptField] = prompt;
            actions.Add(new JsonObject { ["type"] = "Action.Submit", ["title"] = choice.Label, ["data"] = data });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = message.ChoicesHint is { Length: > 0 } hint ? $"{message.Text}\n{hint}" : message.Text,
            ["body"] = body,
        };
        if (actions.Count > 0) card["actions"] = actions;
        return card;
    }

    /// <summary>
    /// The card as it should look once its question is over: no buttons any more, and the answer given, if any
    /// (so the chat history shows what was chosen and an old card cannot be clicked again).
    /// </summary>
    public static JsonObject Settled(JsonObject card, string? answer)
    {
        var settled = (JsonObject)card.DeepClone();
        settled.Remove("actions");
        if (answer is not null && settled["body"] is JsonArray body)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"✔ {answer}", ["weight"] = "Bolder", ["color"] = "Good", ["wrap"] = true });
        }

        return settled;
    }

    private static string Summary(OutgoingMessage message)
    {
        var first = message.Title ?? message.Text.Split('\n')[0];
        return first.Length <= 120 ? first : PlainText.Cut(first, 117) + "…";
    }
}
