namespace AnBien.Bot.Tests.Support;

/// <summary>Drives the self-assessment by pressing buttons the way a person would, until the review appears.</summary>
public static class AssessmentWalk
{
    /// <summary>
    /// From the current question, answers every item with <paramref name="answerFor"/> (item number → button label;
    /// breach items get "Không xảy ra"; a campaign question without that button gets its first one), continues past group notes and skips the good deed. Returns the review reply.
    /// </summary>
    public static Task<BotReply> AnswerAllAsync(ChatClient chat, BotReply current, Func<int, string>? answerFor = null) =>
        AnswerAllAsync(text => chat.SayAsync(text), current, answerFor);

    /// <summary>The same walk on any client that can say a text and show the replies (e.g. Teams cards seen as text and buttons).</summary>
    public static async Task<BotReply> AnswerAllAsync(Func<string, Task<IReadOnlyList<BotReply>>> say, BotReply current, Func<int, string>? answerFor = null)
    {
        answerFor ??= _ => "Thường xuyên";
        var last = current;
        for (var turns = 0; !last.Buttons.Contains("Gửi"); turns++)
        {
            Assert.True(turns < 80, $"The review never came; last reply: {last}");
            var answer = last.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "Không xảy ra",
                var b when b.Contains("Thêm ghi chú") => "Tiếp tục",
                var b when b.Contains("Bỏ qua") => "Bỏ qua",
                _ => answerFor(ItemNumber(last.Text)),
            };

            // A campaign question with other choices (e.g. "Có | Không") gets its first one.
            if (!last.Buttons.Contains(answer) && last.Buttons.Count > 0 && !last.Buttons.Contains("Thường xuyên")) answer = last.Buttons[0];
            last = (await say(answer))[^1];
        }

        return last;
    }

    /// <summary>The item number of a question reply ("Câu 5/34 · …" → 5), or 0.</summary>
    public static int ItemNumber(string text)
    {
        if (!text.StartsWith("Câu ", StringComparison.Ordinal)) return 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return int.Parse(text.AsSpan(4, slash - 4), System.Globalization.CultureInfo.InvariantCulture);
    }
}
