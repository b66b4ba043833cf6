using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Directory;

public sealed class AccountLinkingTests
{
    private const string Stranger = "99999999-9999-4999-8999-999999999999";

    [Fact]
    public async Task WrongCodesCountForTheChatAccountAcrossItsConversations()
    {
        await using var app = await BotApplication.StartAsync();
        var code = await IssueAsync(app, "NV001");
        var first = app.Chat(userId: "29:stranger", aadObjectId: Stranger);
        for (var i = 0; i < 5; i++) await first.SayAsync("ABCD-EFGH");

        // A new conversation of the same account does not start the count again.
        var second = app.Chat(userId: "29:stranger", aadObjectId: Stranger);
        var replies = await second.SayAsync(code);

        Assert.Contains("nhập sai mã quá nhiều lần", replies[0].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ChannelAccounts.CountAsync());
    }

    [Fact]
    public async Task WrongCodesCountForTheClientAddressAcrossAccounts()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["Linking:MaxFailedAttemptsPerAddress"] = "3" });
        var code = await IssueAsync(app, "NV001");
        var engine = app.Services.GetRequiredService<ConversationEngine>();
        for (var i = 0; i < 3; i++) await SayFromAsync(engine, $"visitor-{i}", "203.0.113.7", "ABCD-EFGH");

        var locked = await SayFromAsync(engine, "visitor-new", "203.0.113.7", code);
        var elsewhere = await SayFromAsync(engine, "visitor-other", "198.51.100.2", "ABCD-EFGH");

        Assert.Contains("nhập sai mã quá nhiều lần", locked.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("còn 4 lần thử", elsewhere.Replies[0].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ChannelAccounts.CountAsync());
    }

    [Fact]
    public async Task ANewCodeRevokesThePreviousOne()
    {
        await using var app = await BotApplication.StartAsync();
        var old = await IssueAsync(app, "NV001");
        var current = await IssueAsync(app, "NV001");
        var stranger = app.Chat(userId: "29:stranger", aadObjectId: Stranger);

        var refused = await stranger.SayAsync(old);
        var linked = await stranger.SayAsync(current);

        Assert.Contains("Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn", refused[0].Text, StringComparison.Ordinal);
        Assert.True(linked[0].IsConsentNotice); // the code names Lan; she is linked once she agrees (the client does)
        Assert.Contains(linked, r => r.Text == "Liên kết thành công. Chào Nguyễn Thị Lan!");
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], linked[^1].Buttons);
    }

    private static async Task<string> IssueAsync(BotApplication app, string staffCode)
    {
        await using var db = app.CreateDbContext();
        return await app.Services.GetRequiredService<LinkingService>().IssueCodeAsync(db, staffCode, "test", CancellationToken.None);
    }

    private static Task<TurnResult> SayFromAsync(ConversationEngine engine, string userId, string address, string text) =>
        engine.HandleAsync(new IncomingMessage("webchat", "conv-" + userId, userId, Guid.NewGuid().ToString("N"), text, ClientAddress: address),
            CancellationToken.None);
}
