using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AnBien.Bot.Assessment;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>
/// The Bot Framework's own Web Chat client (botframework-webchat from npm, test-only) on a page of another origin,
/// pointed at the bot's Direct Line endpoint: the proof that the endpoint speaks Direct Line as Web Chat expects.
/// </summary>
[Collection(HeadlessBrowser.Collection)]
public sealed class WebChatClientBrowserTests
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Log = new();

    [WebChatBrowserFact]
    public async Task WebChatClientLinksWithACodeAndCompletesTheSelfAssessmentOverDirectLine()
    {
        var bundle = WebChatBundle();
        string? page = null;
        await using var site = await StartTestSiteAsync(bundle, () => page!);
        var pageOrigin = site.Urls.First().TrimEnd('/');
        await using var app = await BotApplication.StartAsync(kestrel: true, settings: new() { ["WebChat:AllowedOrigins:0"] = pageOrigin });
        string code;
        await using (var db = app.CreateDbContext())
        {
            code = await app.Services.GetRequiredService<LinkingService>().IssueCodeAsync(db, "NV001", "test", CancellationToken.None);
        }

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var generated = await http.PostAsync("/v3/directline/tokens/generate", null);
        var token = (await generated.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        page = TestPage(token, new Uri(app.BaseAddress, "/v3/directline").ToString());

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var context = await browser.NewContextAsync(1280, 800, phone: false);
        var tab = await context.NewPageAsync();
        var errors = new List<string>();
        tab.PageError += (_, e) => errors.Add(e);
        tab.Console += (_, m) => Log.Enqueue($"console {m.Type}: {m.Text}");
        tab.RequestFailed += (_, r) => Log.Enqueue($"{r.Method} {r.Url} failed: {r.Failure}");
        await tab.GotoAsync(pageOrigin + "/");
        var sendBox = tab.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(code);
        await sendBox.PressAsync("Enter");
        var step = await WaitForStepAsync(tab, 0);
        // The code names Lan; the privacy notice comes first and she is linked when she agrees.
        Assert.StartsWith("Thông báo về dữ liệu cá nhân", step.Last, StringComparison.Ordinal);
        step = await ClickAsync(tab, step, "Tôi đồng ý");
        Assert.Contains("Liên kết thành công. Chào Nguyễn Thị Lan!", step.Texts);
        step = await ClickAsync(tab, step, "Tự đánh giá");
        step = await ClickAsync(tab, step, "Bắt đầu");

        var answers = new ClickedAnswers(shift: 1);
        for (var turns = 0; !step.Buttons.Contains("Gửi") && turns < 80; turns++)
        {
            var answer = answers.Choose(step.Last, step.Buttons);
            if (ClickedAnswers.QuestionNumber(step.Last) == 5) await HeadlessBrowser.ScreenshotAsync(tab, "webchat-client-1280-question");
            step = await ClickAsync(tab, step, answer);
        }

        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", step.Last, StringComparison.Ordinal);
        await tab.Locator(".webchat__suggested-action").Filter(new() { HasTextRegex = new Regex("^Gửi$") }).ClickAsync();
        await tab.Locator(".webchat__bubble__content", new() { HasTextString = "Đã gửi tự đánh giá tháng 11/2026" }).WaitForAsync();
        await HeadlessBrowser.ScreenshotAsync(tab, "webchat-client-1280-submitted");
        await tab.SetViewportSizeAsync(360, 740);
        await HeadlessBrowser.ScreenshotAsync(tab, "webchat-client-360-submitted");

        await answers.AssertStoredAsync(app, "NV001");
        Assert.Empty(errors);
    }

    /// <summary>
    /// The page that embeds Web Chat, on its own loopback origin: another origin than the bot's, so CORS is exercised,
    /// and a loopback one, which Chromium's local-network checks let call 127.0.0.1.
    /// </summary>
    private static async Task<WebApplication> StartTestSiteAsync(string bundle, Func<string> page)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var site = builder.Build();
        site.MapGet("/", () => Results.Content(page(), "text/html; charset=utf-8"));
        site.MapGet("/webchat.js", () => Results.File(bundle, "text/javascript"));
        await site.StartAsync();
        return site;
    }

    /// <summary>
    /// Web Chat's UMD bundle from AnBien.Bot.Tests/WebChat/node_modules (npm ci there; .ci/run does it). Missing, the
    /// test is skipped with how to install it, or fails in CI (ANBIEN_REQUIRE_BROWSER=1): a skipped proof is no proof there.
    /// </summary>
    internal static string WebChatBundle() => FindWebChatBundle(out var missing) ?? throw new InvalidOperationException(missing);

    internal static string? FindWebChatBundle(out string missing)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var package = Path.Combine(folder.FullName, "AnBien.Bot.Tests", "WebChat");
            if (!File.Exists(Path.Combine(package, "package.json"))) continue;
            var bundle = Path.Combine(package, "node_modules", "botframework-webchat", "dist", "webchat.js");
            missing = $"Web Chat is not installed for the tests: run `npm ci --prefix {package}`.";
            return File.Exists(bundle) ? bundle : null;
        }

        missing = "AnBien.Bot.Tests/WebChat/package.json not found above the test assembly.";
        return null;
    }

    // Web Chat needs inline script and styles; this page is the test's own, on another origin, and never served by the bot.
    private static string TestPage(string token, string domain) => $$"""
        <!doctype html>
        <html lang="vi">
        <head><meta charset="utf-8"><title>Web Chat → AnBien.Bot</title>
        <style>html, body { height: 100%; margin: 0 } #webchat { height: 100% }</style>
        <script src="/webchat.js"></script></head>
        <body><div id="webchat" role="main"></div>
        <script>
          window.WebChat.renderWebChat({
            directLine: window.WebChat.createDirectLine({ token: {{System.Text.Json.JsonSerializer.Serialize(token)}}, domain: {{System.Text.Json.JsonSerializer.Serialize(domain)}}, webSocket: false, pollingInterval: 250 }),
            locale: 'vi-VN'
          }, document.getElementById('webchat'));
        </script></body></html>
        """;

    private static async Task<Step> ClickAsync(IPage page, Step step, string label)
    {
        Assert.Contains(label, step.Buttons);
        await page.Locator(".webchat__suggested-action").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }).ClickAsync();
        return await WaitForStepAsync(page, step.BotMessages);
    }

    private static async Task<Step> WaitForStepAsync(IPage page, int seen)
    {
        const string read = """
            () => ({
              texts: [...document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')].map(e => e.innerText.trim()),
              buttons: [...document.querySelectorAll('.webchat__suggested-action')].map(b => b.innerText.trim())
            })
            """;
        try
        {
            await page.WaitForFunctionAsync($"n => {{ const s = ({read})(); return s.texts.length > n && s.buttons.length > 0; }}", seen, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var shot = await HeadlessBrowser.ScreenshotAsync(page, "webchat-client-failure");
            throw new TimeoutException($"Web Chat showed no new bot message with buttons (screenshot: {shot}); log: {string.Join("\n", Log)}");
        }

        var state = await page.EvaluateAsync<System.Text.Json.JsonElement>(read);
        var texts = state.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
        var buttons = state.GetProperty("buttons").EnumerateArray().Select(t => t.GetString()!).ToList();
        return new Step(texts, buttons);
    }

    private sealed record Step(IReadOnlyList<string> Texts, IReadOnlyList<string> Buttons)
    {
        public string Last => Texts.Count > 0 ? Texts[^1] : "";

        public int BotMessages => Texts.Count;
    }
}
