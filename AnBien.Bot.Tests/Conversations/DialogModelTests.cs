using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Conversations;

/// <summary>A dialog added the way README's "How to add a dialog" says: registered, with a menu entry for unit heads only.</summary>
public sealed class DialogModelTests
{
    private const string Lan = "00000000-0000-4000-8000-000000000001";
    private const string Minh = "00000000-0000-4000-8000-000000000002"; // unit head of Văn phòng

    [Fact]
    public async Task ANewDialogsMenuEntryIsShownOnlyToTheRolesItNames()
    {
        await using var app = await StartWithHeadsOnlyDialogAsync();

        var staff = await app.Chat(userId: "29:lan", aadObjectId: Lan).SayAsync("menu");
        var head = await app.Chat(userId: "29:minh", aadObjectId: Minh).SayAsync("menu");

        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], staff[^1].Buttons);
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Duyệt xếp loại", "Tổng hợp", "Đánh giá tập thể", "Xác nhận", "Dữ liệu của tôi", "Trợ giúp"], head[^1].Buttons);
    }

    [Fact]
    public async Task ANewDialogGetsBackMissesAndEndingFromTheEngine()
    {
        await using var app = await StartWithHeadsOnlyDialogAsync();
        var head = app.Chat(userId: "29:minh", aadObjectId: Minh);
        await head.SayAsync("menu");

        Assert.Equal("Bao nhiêu?", (await head.SayAsync("6"))[^1].Text);
        Assert.Equal("Chắc chưa?", (await head.SayAsync("Hai"))[^1].Text);
        Assert.Equal("Bao nhiêu?", (await head.SayAsync("quay lại"))[^1].Text);
        var miss = await head.SayAsync("???");
        Assert.Equal(["Tôi chưa hiểu câu trả lời. Anh/chị bấm một nút hoặc gõ số tương ứng.", "Bao nhiêu?"], miss.Select(r => r.Text));
        await head.SayAsync("Một");
        Assert.Equal("Xong: Một.", (await head.SayAsync("Chắc"))[^1].Text);

        var after = await head.SayAsync("Chắc");
        Assert.Contains("Anh/chị muốn làm gì?", after[^1].Text, StringComparison.Ordinal);
    }

    private static Task<BotApplication> StartWithHeadsOnlyDialogAsync() =>
        BotApplication.StartAsync(services: s => s.AddSingleton<IDialog, HeadsOnlyDialog>());

    /// <summary>Two steps in conversation order; its state (the number picked) is its own.</summary>
    private sealed class HeadsOnlyDialog : StepDialog<DialogScope<HeadsOnlyDialog.State>>
    {
        // An existing text key, so the test needs no text of its own: the label reads "Xác nhận".
        public override MenuEntry MenuEntry { get; } = new("cmd:test-heads", "zalo.link.confirm", 50, ["kiem thu"], StaffRoles.UnitHead);

        public override string Name => "test-heads-only";

        protected override IReadOnlyList<DialogStep<DialogScope<State>>> Steps { get; } =
        [
            new("pick")
            {
                Ask = s => s.Turn.Send(new OutgoingMessage("Bao nhiêu?") { Choices = [new Choice("1", "Một"), new Choice("2", "Hai")] }),
                Answer = s =>
                {
                    if (ChoiceMatcher.Match(s.Turn.Input, [new Choice("1", "Một"), new Choice("2", "Hai")]) is not { } picked) return StepResult.NotUnderstood;
                    s.State.Picked = picked.Label;
                    return StepResult.GoTo("confirm");
                },
            },
            new("confirm")
            {
                Ask = s => s.Turn.Send(new OutgoingMessage("Chắc chưa?") { Choices = [new Choice("yes", "Chắc")] }),
                Answer = s =>
                {
                    if (ChoiceMatcher.Match(s.Turn.Input, [new Choice("yes", "Chắc")]) is null) return StepResult.NotUnderstood;
                    s.Turn.Say($"Xong: {s.State.Picked}.");
                    s.Turn.EndDialog();
                    return StepResult.Handled;
                },
                Back = _ => "pick",
            },
        ];

        public override Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
        {
            var scope = new DialogScope<State>(turn, turn.DialogState<State>()) { Step = "pick" };
            Ask(scope);
            return Task.CompletedTask;
        }

        protected override Task<DialogScope<State>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
            Task.FromResult<DialogScope<State>?>(new(turn, turn.DialogState<State>()));

        public sealed class State : StepState
        {
            public string? Picked { get; set; }
        }
    }
}
