using System.Text.Json.Nodes;
using AnBien.Bot.Directory;
using AnBien.Bot.Tests.Channels.Teams;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>
/// Runs every situation ("## …") of the conversation scripts in Dialogs/*.md against the bot, in plain text with suggested
/// buttons (the Emulator's channel) and as Teams shows it (Adaptive Cards, read as their text blocks, facts and buttons).
/// </summary>
public sealed class TranscriptTests
{
    private const string Stranger = "Người dùng lạ";
    private const string AnswersNotice = "Chưa đồng ý điều khoản";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Dialogs");

    // The line kinds of Dialogs/README.md. Anything else in a situation fails it: a mistyped "Bot :" or "Nut:" must not
    // quietly turn a check into a comment. Explanations start with ">".
    private static readonly HashSet<string> Kinds = ["Cán bộ", "Cán bộ trả lời hết", "Bot", "Nút", Speaker];

    // "Người nói: NV002" hands the conversation to another person of the demo directory, in a chat of their own.
    private const string Speaker = "Người nói";

    private const string PlainChannel = "text", TeamsChannel = "teams";

    public static TheoryData<string, string, string> Situations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in System.IO.Directory.GetFiles(Folder, "*.md").Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order())
        {
            foreach (var line in File.ReadLines(file).Where(l => l.StartsWith("## ", StringComparison.Ordinal)))
            {
                data.Add(Path.GetFileName(file), line[3..].Trim(), PlainChannel);
                data.Add(Path.GetFileName(file), line[3..].Trim(), TeamsChannel);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task ScriptSituationPlaysAsWritten(string file, string situation, string channel)
    {
        var lines = File.ReadLines(Path.Combine(Folder, file))
            .SkipWhile(l => l != "## " + situation).Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('>'))
            .ToList();
        var cloud = new FakeBotFrameworkCloud();
        await using var app = channel == TeamsChannel
            ? await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register)
            : await BotApplication.StartAsync();
        var agrees = !lines.Remove(AnswersNotice);
        var chat = lines.Remove(Stranger)
            ? Speak(app, cloud, channel, "29:stranger", "99999999-9999-4999-8999-999999999999", agrees)
            : Speak(app, cloud, channel, "29:lan", "00000000-0000-4000-8000-000000000001", agrees);
        IReadOnlyList<BotReply> replies = [];
        var step = 0;
        foreach (var line in lines)
        {
            step++;
            var (kind, text) = Parse(line, $"{file} › {situation} › line {step}");
            var context = $"{file} › {situation} ({channel}) › line {step} “{line}”; bot said:\n{string.Join("\n---\n", replies)}";
            switch (kind)
            {
                case "Cán bộ":
                    replies = await chat(text);
                    break;
                case Speaker:
                    chat = await ChatAsAsync(app, cloud, channel, text, agrees);
                    replies = [];
                    break;
                case "Cán bộ trả lời hết":
                    var review = await AssessmentWalk.AnswerAllAsync(chat, replies[^1], _ => text);
                    replies = [review];
                    break;
                case "Bot":
                    Assert.True(replies.Any(r => r.Text.Contains(text, StringComparison.Ordinal)), $"Missing “{text}” at {context}");
                    break;
                case "Nút":
                    var expected = text.Split('|', StringSplitOptions.TrimEntries);
                    Assert.True(replies.Count > 0 && replies[^1].Buttons.SequenceEqual(expected), $"Buttons differ at {context}");
                    break;
            }
        }
    }

    [Theory]
    [InlineData("Bot nói: Xin chào")]
    [InlineData("Nut: Gửi | Sửa")]
    [InlineData("Cán bộ gõ 2")]
    public void ScriptLineTheRunnerDoesNotKnowFailsTheSituation(string line)
    {
        var error = Assert.ThrowsAny<Exception>(() => Parse(line, "test"));
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScriptLineIsUnderstood()
    {
        foreach (var file in System.IO.Directory.GetFiles(Folder, "*.md").Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
        {
            var lines = File.ReadLines(file).SkipWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("## ", StringComparison.Ordinal) && !l.StartsWith('>') && l != Stranger && l != AnswersNotice);
            foreach (var line in lines) Parse(line, Path.GetFileName(file));
        }
    }

    /// <summary>A chat as a person of the demo directory, identified the way Teams would: by their directory object id.</summary>
    private static async Task<Func<string, Task<IReadOnlyList<BotReply>>>> ChatAsAsync(BotApplication app, FakeBotFrameworkCloud cloud, string channel, string code, bool agrees)
    {
        await using var db = app.CreateDbContext();
        var person = await db.Staff.AsNoTracking().SingleAsync(s => s.Code == code);
        return Speak(app, cloud, channel, "29:" + code.ToLowerInvariant(), person.TeamsObjectId!, agrees);
    }

    /// <summary>
    /// Says a text in a personal chat of the channel and returns what the person sees: text and buttons. Unless the
    /// situation says "Chưa đồng ý điều khoản", the person agrees to the privacy notice when it first appears and says
    /// their message again, as <see cref="ChatClient"/> does, so scripts about other things need no consent step.
    /// </summary>
    private static Func<string, Task<IReadOnlyList<BotReply>>> Speak(BotApplication app, FakeBotFrameworkCloud cloud, string channel, string userId, string aadObjectId, bool agrees)
    {
        if (channel == PlainChannel)
        {
            var chat = app.Chat(userId, aadObjectId);
            if (!agrees) chat = chat.WithoutAgreeing();
            return text => chat.SayAsync(text);
        }

        var teams = new TeamsChat(app, cloud, userId, aadObjectId);
        async Task<IReadOnlyList<BotReply>> Say(string text)
        {
            // Activity ids unique across the people of a script: the bot drops a redelivered id, whoever sends it.
            var activity = teams.Activity("message", text);
            activity["id"] = $"{userId}-{Guid.NewGuid():N}";
            return [.. (await teams.DeliverAsync(activity)).Select(AsSeen)];
        }

        return async text =>
        {
            var replies = await Say(text);
            if (!agrees || replies.Count == 0 || !replies[^1].IsConsentNotice) return replies;
            var agreed = await Say("Tôi đồng ý");
            if (LinkingService.LooksLikeCode(text)) return [.. replies, .. agreed];
            return [.. replies, .. agreed, .. await Say(text)];
        };
    }

    // A card read the way the script reads any reply: its text blocks and facts, and its buttons.
    private static BotReply AsSeen(TeamsReply reply) => new(new JsonObject
    {
        ["text"] = reply.Text,
        ["suggestedActions"] = new JsonObject { ["actions"] = new JsonArray([.. reply.Buttons.Select(b => (JsonNode)new JsonObject { ["title"] = b })]) },
    });

    private static (string Kind, string Text) Parse(string line, string where)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : line[..colon].Trim();
        Assert.True(Kinds.Contains(kind), $"The transcript runner does not understand “{line}” at {where}; a line is one of " +
            $"{string.Join(", ", Kinds.Select(k => k + ": …"))}, “{Stranger}”, or an explanation starting with “>”.");
        return (kind, line[(colon + 1)..].Trim());
    }
}
