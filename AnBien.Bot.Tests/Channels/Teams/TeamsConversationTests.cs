using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>What a Teams user experiences: installation, card-only answering, stale clicks, group chats, identity.</summary>
public sealed class TeamsConversationTests
{
    [Fact]
    public async Task TeamsUserCompletesTheSelfAssessmentByClickingCardButtonsOnly()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);

        var install = chat.Activity("conversationUpdate");
        install["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFrameworkCloud.AppId });
        var welcome = Assert.Single(await chat.DeliverAsync(install));
        Assert.StartsWith("Xin chào Nguyễn Thị Lan!", welcome.Text, StringComparison.Ordinal);

        var intro = (await chat.ClickAsync(welcome, "Tự đánh giá"))[^1];
        Assert.Contains("tháng 11/2026: 34 nội dung", intro.Text, StringComparison.Ordinal);
        var card = (await chat.ClickAsync(intro, "Bắt đầu"))[^1];
        Assert.StartsWith("Câu 1/34", card.Card!["body"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Thường xuyên", "Đôi khi", "Chưa thực hiện"], card.Buttons);

        for (var turns = 0; !card.Buttons.Contains("Gửi") && turns < 60; turns++)
        {
            var button = card.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "Không xảy ra",
                var b when b.Contains("Thêm ghi chú") => "Tiếp tục",
                var b when b.Contains("Bỏ qua") => "Bỏ qua",
                _ when card.Text.StartsWith("Câu 6/34", StringComparison.Ordinal) => "Chưa thực hiện",
                _ => "Thường xuyên",
            };
            card = (await chat.ClickAsync(card, button))[^1];
        }

        var review = card;
        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", review.Text, StringComparison.Ordinal);
        Assert.Equal(["Gửi", "Sửa"], review.Buttons);
        var facts = review.Card!["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray();
        Assert.Equal(["Đã trả lời", "Tổng điểm", "Đề xuất xếp loại"], facts.Select(f => f!["title"]!.GetValue<string>()));
        Assert.Equal("34/34", facts[0]!["value"]!.GetValue<string>());

        var receipt = await chat.ClickAsync(review, "Gửi");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026", receipt[0].Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        Assert.Equal("NV001", assessment.Staff!.Code);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal(34, assessment.Answers.Count);
        Assert.Equal("CTH", assessment.Answers.Single(a => a.ItemCode == "CN-B-2").ChoiceCode);
        var account = await db.ChannelAccounts.SingleAsync();
        Assert.Contains("\"serviceUrlVerified\":true", account.ConversationReference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickOnAnOldQuestionCardIsNotRecordedAgainstTheCurrentItem()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        var intro = (await chat.SayAsync("tự đánh giá"))[^1];
        var first = (await chat.ClickAsync(intro, "Bắt đầu"))[^1];
        var second = (await chat.ClickAsync(first, "Thường xuyên"))[^1];
        var third = (await chat.ClickAsync(second, "Đôi khi"))[^1];
        Assert.StartsWith("Câu 3/34", third.Text, StringComparison.Ordinal);

        var afterStale = await chat.ClickAsync(first, "Chưa thực hiện");

        Assert.Contains(afterStale, r => r.Text.StartsWith("Nút này thuộc câu hỏi trước", StringComparison.Ordinal));
        Assert.StartsWith("Câu 3/34", afterStale[^1].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var answers = (await db.Answers.ToListAsync()).OrderBy(a => a.Id).Select(a => a.ChoiceCode).ToList();
        Assert.Equal(["TX", "DK"], answers);
    }

    [Fact]
    public async Task TypedAnswersWorkBesideTheButtons()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("bắt đầu");

        var next = await chat.SayAsync("thuong xuyen");

        Assert.StartsWith("Câu 2/34", next[^1].Text, StringComparison.Ordinal);
        var update = app.Connector.Requests.Last(r => r.Method == "PUT");
        Assert.Equal("✔ Thường xuyên", update.Json!["attachments"]![0]!["content"]!["body"]!.AsArray()[^1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ActionExecuteInvokeIsAnsweredWithTheSettledCard()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        var intro = (await chat.SayAsync("tự đánh giá"))[^1];
        var invoke = chat.Activity("invoke", replyToId: intro.Id, value: new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = intro.DataOf("Bắt đầu").DeepClone() },
            ["trigger"] = "manual",
        });
        invoke["name"] = "adaptiveCard/action";

        var response = await chat.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("✔ Bắt đầu", body["value"]!["body"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain(app.Connector.Requests, r => r.Method == "PUT");
        Assert.Contains(chat.Posted(0), r => r.Text.StartsWith("Câu 1/34", StringComparison.Ordinal));

        var submit = chat.Activity("invoke", value: new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Submit" } });
        submit["name"] = "adaptiveCard/action";
        var refused = await chat.PostAsync(submit);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("NotSupported", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["value"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupChatIsAskedToUseThePersonalChat()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud) { ConversationId = "19:meeting_abc@thread.v2", ConversationType = "groupChat" };

        var replies = await chat.SayAsync("<at>AnBien.Bot</at> tự đánh giá");

        Assert.StartsWith("Tôi chỉ làm việc trong trò chuyện riêng", replies[^1].Text, StringComparison.Ordinal);
        Assert.All(replies, r => Assert.Empty(r.Buttons));
        await using var db = app.CreateDbContext();
        Assert.False(await db.Assessments.AnyAsync());
        Assert.False(await db.ChannelAccounts.AnyAsync(), "nobody is linked from a group thread");
    }

    [Fact]
    public async Task UninstallMakesThePersonUnreachableInTeams()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        var install = chat.Activity("installationUpdate");
        install["action"] = "add";
        await chat.DeliverAsync(install);
        var remove = chat.Activity("installationUpdate");
        remove["action"] = "remove";
        await chat.DeliverAsync(remove);
        app.Connector.Clear();

        await using var db = app.CreateDbContext();
        var account = await db.ChannelAccounts.SingleAsync();
        Assert.NotNull(account.UnreachableSince);
        var result = Assert.Single(await app.Services.GetRequiredService<ProactiveSender>()
            .SendToStaffAsync(account.StaffId, new OutgoingMessage("Nhắc việc"), default));
        Assert.Equal(DeliveryStatus.NotReachable, result.Status);
        Assert.Empty(app.Connector.Requests);
    }

    [Fact]
    public async Task InstallEventsWelcomeOnlyOnce()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud, userId: "29:stranger", aadObjectId: "0000aaaa-0000-4000-8000-00000000ffff");
        var update = chat.Activity("conversationUpdate");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFrameworkCloud.AppId });
        var install = chat.Activity("installationUpdate");
        install["action"] = "add";

        var first = await chat.DeliverAsync(update);
        var second = await chat.DeliverAsync(install);

        var welcome = Assert.Single(first);
        Assert.Contains("mã kích hoạt", welcome.Text, StringComparison.Ordinal);
        Assert.Empty(second);
    }

    [Fact]
    public async Task TeamsUserIsLinkedByTheEmailFromTheMemberApi()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud, userId: "29:minh", aadObjectId: "0000aaaa-0000-4000-8000-00000000ffff");
        app.Connector.Enqueue(HttpStatusCode.OK, """
            {"id":"29:minh","name":"Trần Văn Minh","aadObjectId":"0000aaaa-0000-4000-8000-00000000ffff",
             "email":"Minh.Tran@TanHoa.example.vn","userPrincipalName":"minh.tran@tanhoa.example.vn","tenantId":"t"}
            """);

        var replies = await chat.SayAsync("menu");

        var lookup = app.Connector.Requests.First();
        Assert.Equal(("GET", $"/teams/v3/conversations/{Uri.EscapeDataString(chat.ConversationId)}/members/29%3Aminh"),
            (lookup.Method, lookup.Uri.AbsolutePath));
        Assert.Contains(replies, r => r.Text.Contains("Trần Văn Minh", StringComparison.Ordinal));
        // Recognised by the email, but linked only once he agrees to the privacy notice, shown as a card.
        var notice = replies[^1];
        Assert.StartsWith("Thông báo về dữ liệu cá nhân", notice.Text, StringComparison.Ordinal);
        Assert.Equal(["Tôi đồng ý", "Không đồng ý"], notice.Buttons);
        await using var db = app.CreateDbContext();
        Assert.False(await db.ChannelAccounts.AnyAsync());

        var linked = await chat.ClickAsync(notice, "Tôi đồng ý");

        Assert.Contains(linked, r => r.Text == "Liên kết thành công. Chào Trần Văn Minh!");
        Assert.Equal("NV002", (await db.ChannelAccounts.Include(a => a.Staff).SingleAsync()).Staff!.Code);
        Assert.True(await db.Consents.AnyAsync(c => c.Agreed && c.Channel == "msteams" && c.Staff!.Code == "NV002"));
    }
}
