using System.Text.Json.Nodes;
using AnBien.Bot.Announcements;
using AnBien.Bot.Directory;
using AnBien.Bot.Tests.Channels.Teams;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    private static readonly HashSet<string> Kinds = ["Cán bộ", "Cán bộ trả lời hết", "Bot", "Nút", Speaker, Setting, Pushed, CampaignLine];

    // "Người nói: NV002" hands the conversation to another person of the demo directory, in a chat of their own.
    private const string Speaker = "Người nói";

    // "Cài đặt: Announcements:HeadsMaySend=true" starts the bot of that situation with the setting.
    private const string Setting = "Cài đặt";

    // "Thông báo đến: …" lets the announcement workers deliver what is due, then checks what reached the speaker's chat.
    private const string Pushed = "Thông báo đến";

    // "Chiến dịch: <name>" adds that campaign of the seed file and has the open period carry its questions.
    private const string CampaignLine = "Chiến dịch";

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
        var settings = lines.Where(l => l.StartsWith(Setting + ":", StringComparison.Ordinal))
            .Select(l => l[(Setting.Length + 1)..].Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var cloud = new FakeBotFrameworkCloud();
        await using var app = channel == TeamsChannel
            ? await BotApplication.StartAsync(settings: new Dictionary<string, string?>(cloud.Settings().Concat(settings)), services: cloud.Register)
            : await BotApplication.StartAsync(settings: settings);
        var agrees = !lines.Remove(AnswersNotice);
        var chat = lines.Remove(Stranger)
            ? Speak(app, cloud, channel, "29:stranger", "99999999-9999-4999-8999-999999999999", agrees)
            : Speak(app, cloud, channel, "29:lan", "00000000-0000-4000-8000-000000000001", agrees);
        IReadOnlyList<BotReply> replies = [];
        var chats = new Dictionary<string, ScriptChat>(StringComparer.Ordinal);
        var step = 0;
        foreach (var line in lines)
        {
            step++;
            var (kind, text) = Parse(line, $"{file} › {situation} › line {step}");
            var context = $"{file} › {situation} ({channel}) › line {step} “{line}”; bot said:\n{string.Join("\n---\n", replies)}";
            switch (kind)
            {
                case "Cán bộ":
                    replies = await chat.Say(text);
                    break;
                case Speaker:
                    if (!chats.TryGetValue(text, out var known)) chats[text] = known = await ChatAsAsync(app, cloud, channel, text, agrees);
                    chat = known;
                    replies = [];
                    break;
                case Setting:
                    break;
                case CampaignLine:
                    await ScriptCampaign.AddAsync(app, text);
                    break;
                case Pushed:
                    var before = app.Connector.Requests.Count;
                    await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);
                    replies = chat.Posted(before);
                    Assert.True(replies.Any(r => r.Text.Contains(text, StringComparison.Ordinal)), $"Nothing pushed with “{text}” at {context}");
                    break;
                case "Cán bộ trả lời hết":
                    var review = await AssessmentWalk.AnswerAllAsync(chat.Say, replies[^1], _ => text);
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
    private static async Task<ScriptChat> ChatAsAsync(BotApplication app, FakeBotFrameworkCloud cloud, string channel, string code, bool agrees)
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
    private static ScriptChat Speak(BotApplication app, FakeBotFrameworkCloud cloud, string channel, string userId, string aadObjectId, bool agrees)
    {
        if (channel == PlainChannel)
        {
            var chat = app.Chat(userId, aadObjectId);
            if (!agrees) chat = chat.WithoutAgreeing();
            return new(text => chat.SayAsync(text), from => [.. app.Connector.Requests.Skip(from)
                .Where(r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(chat.ConversationId), StringComparison.Ordinal) && r.Json is not null)
                .Select(r => new BotReply(r.Json!))]);
        }

        var teams = new TeamsChat(app, cloud, userId, aadObjectId);
        async Task<IReadOnlyList<BotReply>> Say(string text)
        {
            // Activity ids unique across the people of a script: the bot drops a redelivered id, whoever sends it.
            var activity = teams.Activity("message", text);
            activity["id"] = $"{userId}-{Guid.NewGuid():N}";
            return [.. (await teams.DeliverAsync(activity)).Select(AsSeen)];
        }

        return new(async text =>
        {
            var replies = await Say(text);
            if (!agrees || replies.Count == 0 || !replies[^1].IsConsentNotice) return replies;
            var agreed = await Say("Tôi đồng ý");
            if (!BotReply.SaidAgainAfterAgreeing(text, replies)) return [.. replies, .. agreed];
            return [.. replies, .. agreed, .. await Say(text)];
        }, from => [.. teams.Posted(from).Select(AsSeen)]);
    }

    /// <summary>A person's chat in a script: what they say, and what the bot posted into it since a connector request count.</summary>
    private sealed record ScriptChat(Func<string, Task<IReadOnlyList<BotReply>>> Say, Func<int, IReadOnlyList<BotReply>> Posted);

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
