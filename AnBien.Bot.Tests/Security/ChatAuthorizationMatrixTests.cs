using AnBien.Bot.Conversations;
using AnBien.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Security;

/// <summary>
/// Every chat command and every menu entry, said by a stranger and by each role of the demo directory (issue 9 item 7).
/// A new menu entry or global command without a row fails <see cref="EveryMenuEntryAndCommandHasARow"/>; a leader-only
/// entry adds its role's menu to <see cref="MenuButtons"/>.
/// </summary>
public sealed class ChatAuthorizationMatrixTests
{
    /// <summary>Entra object ids from Resources/demo/staff.csv; the stranger's is in no directory.</summary>
    private static readonly Dictionary<string, string> People = new(StringComparer.Ordinal)
    {
        ["stranger"] = "00000000-0000-4000-8000-999999999999",
        ["staff"] = "00000000-0000-4000-8000-000000000001", // NV001
        ["unit head"] = "00000000-0000-4000-8000-000000000002", // NV002
        ["council"] = "00000000-0000-4000-8000-000000000006", // NV006
        ["administrator"] = "00000000-0000-4000-8000-000000000022", // NV022
    };

    private const string LinkFirst = "cần liên kết tài khoản một lần";
    private const string Linked = "Tài khoản này đã được liên kết với";
    private const string CouncilOnly = "chỉ dành cho Hội đồng thi đua – khen thưởng";

    // What is said, and the reply each person gets (a fragment of it); a stranger learns only how to link.
    private static readonly (string Said, string Stranger, string Member)[] Rows =
    [
        ("cmd:assess", LinkFirst, "Tự đánh giá văn hóa công sở tháng 11/2026"),
        ("cmd:results", LinkFirst, "Kết quả tự đánh giá của anh/chị"),
        ("menu", "chưa được liên kết với hồ sơ cán bộ", "Anh/chị muốn làm gì?"),
        ("hủy", LinkFirst, "Không có việc gì đang làm dở để hủy."),
        ("để sau", LinkFirst, "Khi nào cần, anh/chị nhắn cho tôi bất kỳ lúc nào."),
        ("quay lại", LinkFirst, "Anh/chị muốn làm gì?"),
        ("liên kết", LinkFirst, Linked),
        ("trợ giúp", "chưa được liên kết với hồ sơ cán bộ", "Trợ giúp — trợ lý Văn hóa công sở"),
        ("cmd:summary", LinkFirst, "ổng hợp"),
        ("cmd:review", LinkFirst, "duyệt"),
        ("cmd:awards", LinkFirst, "Báo cáo năm 2026"),
        ("cmd:mydata", LinkFirst, "Dữ liệu của anh/chị"),
        ("cmd:announce", LinkFirst, "Anh/chị gõ nội dung thông báo"),
        ("cmd:announce-status", LinkFirst, "Chưa có thông báo nào để theo dõi."),
        ("cmd:collective", LinkFirst, "Đánh giá tập thể Văn phòng HĐND và UBND"),
        ("tiếng việt", LinkFirst, "Đã chuyển sang tiếng Việt."),
        ("english", LinkFirst, "Switched to English."),
    ];

    private const string NotASender = "chức năng gửi thông báo chỉ dành cho Hội đồng thi đua và quản trị viên";

    /// <summary>
    /// Where a role's reply differs from the row's: a menu command of a role one does not have gets the menu, with no
    /// figures (what staff get for typing "tổng hợp" is in SummaryDialogTests).
    /// </summary>
    private static readonly Dictionary<(string Said, string Role), string> ByRole = new()
    {
        [("cmd:summary", "staff")] = "Anh/chị muốn làm gì?",
        [("cmd:review", "staff")] = "Anh/chị muốn làm gì?",
        [("cmd:review", "administrator")] = "Anh/chị muốn làm gì?",
        // The yearly report and award proposals are the council's and administrators': others are refused, and audited.
        [("cmd:awards", "staff")] = CouncilOnly,
        [("cmd:awards", "unit head")] = CouncilOnly,
        // Announcements are refused in person (and audited), not answered with the menu: see AnnouncementComposeTests.
        [("cmd:announce", "staff")] = NotASender,
        [("cmd:announce", "unit head")] = NotASender,
        [("cmd:announce-status", "staff")] = NotASender,
        [("cmd:announce-status", "unit head")] = NotASender,
        // The collective assessment is the unit head's alone: staff, the council and administrators get the menu.
        [("cmd:collective", "staff")] = "Anh/chị muốn làm gì?",
        [("cmd:collective", "council")] = "Anh/chị muốn làm gì?",
        [("cmd:collective", "administrator")] = "Anh/chị muốn làm gì?",
    };

    /// <summary>
    /// The menu each role sees: reviews for heads and the council, summaries for them and administrators, the collective
    /// assessment for heads, the yearly report and announcements for the council and administrators (heads send too with
    /// Announcements:HeadsMaySend, in Dialogs/thong-bao.md), and everyone's own data.
    /// </summary>
    private static readonly Dictionary<string, string[]> MenuButtons = new(StringComparer.Ordinal)
    {
        ["staff"] = ["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"],
        ["unit head"] = ["Tự đánh giá", "Kết quả của tôi", "Duyệt xếp loại", "Tổng hợp", "Đánh giá tập thể", "Dữ liệu của tôi", "Trợ giúp"],
        ["council"] = ["Tự đánh giá", "Kết quả của tôi", "Duyệt xếp loại", "Tổng hợp", "Báo cáo năm, khen thưởng", "Gửi thông báo", "Tình hình thông báo", "Dữ liệu của tôi", "Trợ giúp"],
        ["administrator"] = ["Tự đánh giá", "Kết quả của tôi", "Tổng hợp", "Báo cáo năm, khen thưởng", "Gửi thông báo", "Tình hình thông báo", "Dữ liệu của tôi", "Trợ giúp"],
    };

    public static TheoryData<string> Roles() => new(People.Keys);

    [Fact]
    public async Task EveryMenuEntryAndCommandHasARow()
    {
        await using var app = await BotApplication.StartAsync();
        var said = Rows.Select(r => r.Said).ToList();

        var entries = app.Services.GetServices<IDialog>().Select(d => d.MenuEntry).OfType<MenuEntry>().ToList();
        Assert.All(entries, e => Assert.Contains(e.Command, said));
        var commands = said.Select(CommandParser.Parse).Where(c => c != Command.None).ToHashSet();
        Assert.Equal(Enum.GetValues<Command>().Where(c => c != Command.None).Order(), commands.Order());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachPersonGetsWhatTheRowsSay(string role)
    {
        await using var app = await BotApplication.StartAsync();

        var got = new List<string>();
        var expected = new List<string>();
        foreach (var (text, stranger, member) in Rows)
        {
            // A fresh conversation each time, so one command's state never answers for the next.
            var replies = await app.Chat("29:" + Guid.NewGuid().ToString("N")[..8], People[role]).SayAsync(text);
            var want = role == "stranger" ? stranger : ByRole.GetValueOrDefault((text, role), member);
            expected.Add($"{text} → {want}");
            got.Add($"{text} → {(replies.Any(r => r.Text.Contains(want, StringComparison.Ordinal)) ? want : string.Join(" / ", replies))}");
            if (text == "menu" && MenuButtons.TryGetValue(role, out var buttons)) Assert.Equal(buttons, replies[^1].Buttons);
        }

        Assert.Equal(expected, got);
        if (role == "stranger")
        {
            await using var db = app.CreateDbContext();
            Assert.Empty(db.Assessments);
        }
    }
}
