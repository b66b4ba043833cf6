using AnBien.Bot.Privacy;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Privacy;

public sealed class ConsentServiceTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgreementIsRecordedWithDateVersionAndChannelAndWithdrawalUnlinks(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var consent = app.Services.GetRequiredService<ConsentService>();
        await using var db = app.CreateDbContext();
        var lan = await db.Staff.SingleAsync(s => s.Code == "NV001");
        Assert.False(await consent.HasAgreedAsync(db, lan.Id, default));

        // Lan is recognised by her Teams identity, reads the notice and agrees (the test client clicks "Tôi đồng ý").
        await app.Chat().SayAsync("menu");
        Assert.True(await consent.HasAgreedAsync(db, lan.Id, default));
        Assert.True(await db.ChannelAccounts.AnyAsync(a => a.StaffId == lan.Id));

        app.Clock.Advance(TimeSpan.FromDays(3));
        await consent.DeclineAsync(db, lan.Id, "zalo", default);
        await db.SaveChangesAsync();

        Assert.False(await consent.HasAgreedAsync(db, lan.Id, default));
        Assert.False(await db.ChannelAccounts.AnyAsync(a => a.StaffId == lan.Id));
        var history = await db.Consents.Where(c => c.StaffId == lan.Id).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(true, "emulator", "2026-12"), (false, "zalo", "2026-12")], history.Select(c => (c.Agreed, c.Channel, c.NoticeVersion)));
        Assert.Equal(BotApplication.DefaultNow.AddDays(3), history[1].DecidedAt);
    }

    [Fact]
    public async Task NoticeSaysWhatIsStoredWhyWhoSeesItAndHowLongInBothLanguages()
    {
        await using var app = await BotApplication.StartAsync();
        var consent = app.Services.GetRequiredService<ConsentService>();
        var vi = consent.Notice("vi");
        var en = consent.Notice("en");
        foreach (var part in new[] { "lưu:", "Mục đích:", "Người được xem:", "Thời gian lưu:", "2 ngày làm việc", consent.NoticeVersion }) Assert.Contains(part, vi, StringComparison.Ordinal);
        foreach (var part in new[] { "stores:", "Purpose:", "Who sees it:", "How long:", "2 working days", consent.NoticeVersion }) Assert.Contains(part, en, StringComparison.Ordinal);
    }
}
