using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>Runs every situation ("## …") of the conversation scripts in Dialogs/*.md against the bot.</summary>
public sealed class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Dialogs");

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
            .Where(l => l.Length > 0)
            .ToList();
        await using var app = await BotApplication.StartAsync();
        var chat = lines.Contains("Người dùng lạ")
            ? app.Chat(userId: "29:stranger", aadObjectId: "99999999-9999-4999-8999-999999999999")
            : app.Chat();
        IReadOnlyList<BotReply> replies = [];
        var step = 0;
        foreach (var line in lines)
        {
            step++;
            var (kind, text) = Split(line);
            var context = $"{file} › {situation} › line {step} “{line}”; bot said:\n{string.Join("\n---\n", replies)}";
            switch (kind)
            {
                case "Cán bộ":
                    replies = await chat.SayAsync(text);
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

    private static (string Kind, string Text) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", line) : (line[..colon].Trim(), line[(colon + 1)..].Trim());
    }
}
