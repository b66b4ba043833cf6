using AnBien.Bot.Announcements;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>Runs every situation ("## …") of the conversation scripts in Dialogs/*.md against the bot.</summary>
public sealed class TranscriptTests
{
    private const string Stranger = "Người dùng lạ";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Dialogs");

    // The line kinds of Dialogs/README.md. Anything else in a situation fails it: a mistyped "Bot :" or "Nut:" must not
    // quietly turn a check into a comment. Explanations start with ">".
    private static readonly HashSet<string> Kinds = ["Cán bộ", "Cán bộ trả lời hết", "Bot", "Nút", Speaker, Pushed, Setting];

    // "Người nói: NV002" hands the conversation to another person of the demo directory, in a chat of their own (the
    // same chat each time the script returns to that person).
    private const string Speaker = "Người nói";

    // "Cài đặt: Announcements:HeadsMaySend=true" starts the bot of that situation with the setting.
    private const string Setting = "Cài đặt";

    // "Thông báo đến: …" lets the announcement workers deliver what is due, then checks what reached the speaker's chat.
    private const string Pushed = "Thông báo đến";

    public static TheoryData<string, string> Situations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in System.IO.Directory.GetFiles(Folder, "*.md").Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order())
        {
            foreach (var line in File.ReadLines(file).Where(l => l.StartsWith("## ", StringComparison.Ordinal)))
            {
                data.Add(Path.GetFileName(file), line[3..].Trim());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task ScriptSituationPlaysAsWritten(string file, string situation)
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
        await using var app = await BotApplication.StartAsync(settings: settings);
        var chat = lines.Remove(Stranger)
            ? app.Chat(userId: "29:stranger", aadObjectId: "99999999-9999-4999-8999-999999999999")
            : app.Chat();
        IReadOnlyList<BotReply> replies = [];
        var chats = new Dictionary<string, ChatClient>(StringComparer.Ordinal);
        var step = 0;
        foreach (var line in lines)
        {
            step++;
            var (kind, text) = Parse(line, $"{file} › {situation} › line {step}");
            var context = $"{file} › {situation} › line {step} “{line}”; bot said:\n{string.Join("\n---\n", replies)}";
            switch (kind)
            {
                case "Cán bộ":
                    replies = await chat.SayAsync(text);
                    break;
                case Speaker:
                    if (!chats.TryGetValue(text, out var known)) chats[text] = known = await ChatAsAsync(app, text);
                    chat = known;
                    replies = [];
                    break;
                case Setting:
                    break;
                case Pushed:
                    replies = await DeliverAsync(app, chat);
                    Assert.True(replies.Any(r => r.Text.Contains(text, StringComparison.Ordinal)), $"Nothing pushed with “{text}” at {context}");
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
                .Where(l => l.Length > 0 && !l.StartsWith("## ", StringComparison.Ordinal) && !l.StartsWith('>') && l != Stranger);
            foreach (var line in lines) Parse(line, Path.GetFileName(file));
        }
    }

    /// <summary>A chat as a person of the demo directory, identified the way Teams would: by their directory object id.</summary>
    private static async Task<ChatClient> ChatAsAsync(BotApplication app, string code)
    {
        await using var db = app.CreateDbContext();
        var person = await db.Staff.AsNoTracking().SingleAsync(s => s.Code == code);
        return app.Chat(userId: "29:" + code.ToLowerInvariant(), aadObjectId: person.TeamsObjectId);
    }

    /// <summary>What the delivery workers pushed into this chat when they ran now.</summary>
    private static async Task<IReadOnlyList<BotReply>> DeliverAsync(BotApplication app, ChatClient chat)
    {
        var before = app.Connector.Requests.Count;
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);
        return app.Connector.Requests.Skip(before)
            .Where(r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(chat.ConversationId), StringComparison.Ordinal) && r.Json is not null)
            .Select(r => new BotReply(r.Json!))
            .ToList();
    }

    private static (string Kind, string Text) Parse(string line, string where)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : line[..colon].Trim();
        Assert.True(Kinds.Contains(kind), $"The transcript runner does not understand “{line}” at {where}; a line is one of " +
            $"{string.Join(", ", Kinds.Select(k => k + ": …"))}, “{Stranger}”, or an explanation starting with “>”.");
        return (kind, line[(colon + 1)..].Trim());
    }
}
