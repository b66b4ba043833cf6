using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>The bot's own chat page in headless Chromium, on a phone-sized screen, against the real service on loopback.</summary>
[Collection(HeadlessBrowser.Collection)]
public sealed class ChatPageBrowserTests
{
    [BrowserFact]
    public async Task DemoPersonCompletesTheSelfAssessmentByClickingAndTheStoredAnswersMatchTheClicks()
    {
        await using var app = await BotApplication.StartAsync(kestrel: true);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var context = await browser.NewContextAsync(360, 740, phone: true);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        // Script errors and CSP violations; failed requests while the test holds the network down are expected.
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) errors.Add(m.Text); };

        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("#picker-list button[data-code='NV001']").WaitForAsync();
        await HeadlessBrowser.ScreenshotAsync(page, "chat-page-360-demo-picker");
        Assert.True(await page.Locator("#switch-person").IsHiddenAsync(), "“Đổi người” is hidden before anyone is picked");
        await page.Locator("#picker-list button[data-code='NV001']").ClickAsync();
        await page.Locator("#switch-person").WaitForAsync();

        var step = await WaitForChoicesAsync(page, 0);
        Assert.StartsWith("Chào Nguyễn Thị Lan!", await page.Locator(".msg.bot").First.InnerTextAsync(), StringComparison.Ordinal);
        step = await ClickAsync(page, step, "Tự đánh giá");
        step = await ClickAsync(page, step, "Bắt đầu");

        var answers = new ClickedAnswers(shift: 0);
        for (var turns = 0; !step.Buttons.Contains("Gửi") && turns < 80; turns++)
        {
            var answer = answers.Choose(step.Text, step.Buttons);
            var number = ClickedAnswers.QuestionNumber(step.Text);
            if (number == 3) await HeadlessBrowser.ScreenshotAsync(page, "chat-page-360-question");
            if (number == 12)
            {
                step = await SurviveNetworkDropAsync(page, context, step, answer);
                continue;
            }

            if (number == 20)
            {
                // A reload replays the conversation from the log and carries on where it was.
                await page.ReloadAsync();
                step = await WaitForChoicesAsync(page, 0);
                Assert.Equal(number, ClickedAnswers.QuestionNumber(step.Text));
                Assert.Equal("Nguyễn Thị Lan", await page.Locator("#subtitle").InnerTextAsync());
            }

            step = await ClickAsync(page, step, answer);
        }

        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", step.Text, StringComparison.Ordinal);
        await HeadlessBrowser.ScreenshotAsync(page, "chat-page-360-review");
        await page.Locator("#choices button", new() { HasTextString = "Gửi" }).ClickAsync();
        await page.Locator(".msg.bot", new() { HasTextString = "Đã gửi tự đánh giá tháng 11/2026" }).WaitForAsync();
        await HeadlessBrowser.ScreenshotAsync(page, "chat-page-360-submitted");
        await page.SetViewportSizeAsync(1280, 800);
        await HeadlessBrowser.ScreenshotAsync(page, "chat-page-1280-submitted");

        await answers.AssertStoredAsync(app, "NV001");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task LinkingWithACodeShowsThePersonsNameInTheHeader()
    {
        await using var app = await BotApplication.StartAsync(kestrel: true);
        string code;
        await using (var db = app.CreateDbContext())
        {
            code = await app.Services.GetRequiredService<AnBien.Bot.Directory.LinkingService>().IssueCodeAsync(db, "NV001", "test", CancellationToken.None);
        }

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var context = await browser.NewContextAsync(1280, 800, phone: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("#picker-list button[data-code='NV001']").WaitForAsync();
        Assert.True(await page.Locator("#switch-person").IsHiddenAsync(), "“Đổi người” is hidden before anyone is linked");

        await page.Locator("#message").FillAsync(code);
        await page.Locator("#send").ClickAsync();
        // The code names Lan; the privacy notice comes first and she is linked when she agrees.
        await page.Locator(".msg.bot", new() { HasTextString = "Thông báo về dữ liệu cá nhân" }).WaitForAsync();
        await page.Locator("#choices button", new() { HasTextString = "Tôi đồng ý" }).ClickAsync();
        await page.Locator(".msg.bot", new() { HasTextString = "Liên kết thành công" }).WaitForAsync();
        await page.WaitForFunctionAsync("document.getElementById('subtitle').textContent === 'Nguyễn Thị Lan'");
        await page.Locator("#switch-person").WaitForAsync();
    }

    [BrowserFact]
    public async Task PageFitsAPhoneAndADesktopScreen()
    {
        await using var app = await BotApplication.StartAsync(kestrel: true);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        foreach (var (width, height, phone) in new[] { (360, 740, true), (1280, 800, false) })
        {
            var context = await browser.NewContextAsync(width, height, phone);
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.BaseAddress.ToString());
            await page.Locator("#picker-list button[data-code='NV002']").WaitForAsync();
            // Cards side by side have the same height, however long a title or unit name is.
            var uneven = await page.EvaluateAsync<int>("""
                (() => {
                  const rows = new Map();
                  for (const b of document.querySelectorAll('#picker-list button')) {
                    const r = b.getBoundingClientRect();
                    const top = Math.round(r.top);
                    rows.set(top, [...(rows.get(top) || []), Math.round(r.height)]);
                  }
                  return [...rows.values()].filter(h => Math.max(...h) - Math.min(...h) > 1).length;
                })()
                """);
            Assert.Equal(0, uneven);
            await page.Locator("#picker-list button[data-code='NV002']").ClickAsync();
            await WaitForChoicesAsync(page, 0);
            await HeadlessBrowser.ScreenshotAsync(page, $"chat-page-{width}-menu");

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.Equal(0, overflow);
            var send = await page.Locator("#send").BoundingBoxAsync();
            Assert.True(send!.X + send.Width <= width && send.Y + send.Height <= height, "the send button is on screen");
            foreach (var box in await Task.WhenAll((await page.Locator("#choices button").AllAsync()).Select(b => b.BoundingBoxAsync())))
            {
                Assert.True(box!.Height >= 44, "choice buttons are at least 44 px high (touch target)");
            }

            // Keyboard only: Tab reaches the choices and Enter presses one.
            await page.Locator("#message").FocusAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Enter");
            await page.Locator(".msg.user").Last.WaitForAsync();
            await context.CloseAsync();
        }
    }

    private static async Task<Step> SurviveNetworkDropAsync(IPage page, IBrowserContext context, Step step, string answer)
    {
        await context.SetOfflineAsync(true);
        await page.Locator("#choices button", new() { HasTextString = answer }).ClickAsync();
        await page.Locator(".msg.failed").WaitForAsync();
        await page.Locator("#status").WaitForAsync();
        await HeadlessBrowser.ScreenshotAsync(page, "chat-page-360-offline");
        await context.SetOfflineAsync(false);
        await page.Locator(".msg.failed .retry").ClickAsync();
        await page.Locator("#status").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 30_000 });
        return await WaitForChoicesAsync(page, step.BotMessages);
    }

    private static async Task<Step> ClickAsync(IPage page, Step step, string label)
    {
        Assert.Contains(label, step.Buttons);
        await page.Locator("#choices button").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{label}$") }).ClickAsync();
        return await WaitForChoicesAsync(page, step.BotMessages);
    }

    /// <summary>Waits for a bot message after the first <paramref name="seen"/> ones, with buttons under it.</summary>
    private static async Task<Step> WaitForChoicesAsync(IPage page, int seen)
    {
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('.msg.bot').length > n && document.querySelectorAll('#choices button:not([disabled])').length > 0",
            seen, new() { Timeout = 30_000 });
        var messages = await page.Locator(".msg.bot").AllInnerTextsAsync();
        var buttons = await page.Locator("#choices button").AllInnerTextsAsync();
        return new Step(messages[^1], buttons.ToList(), messages.Count);
    }

    private sealed record Step(string Text, IReadOnlyList<string> Buttons, int BotMessages);
}
