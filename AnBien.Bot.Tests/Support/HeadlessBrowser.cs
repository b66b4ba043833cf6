using Microsoft.Playwright;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (its driver ships inside the NuGet package; no browser is downloaded).
/// Without Chromium the browser tests are skipped with how to install it (see <see cref="BrowserFactAttribute"/>);
/// CI sets ANBIEN_REQUIRE_BROWSER=1, where a missing Chromium fails them instead, since they are the proof that the
/// page and the Direct Line endpoint work.
/// </summary>
public sealed class HeadlessBrowser : IAsyncDisposable
{
    /// <summary>Browser tests run one at a time: two Chromiums beside the rest of the suite overload a 2-core machine.</summary>
    public const string Collection = "Headless browser";

    public const string ChromiumVariable = "ANBIEN_CHROMIUM";
    public const string OutputVariable = "ANBIEN_TEST_OUTPUT";
    public const string RequiredVariable = "ANBIEN_REQUIRE_BROWSER";

    public const string MissingChromium =
        "The browser tests need Chromium and found none. On Debian/Ubuntu: `sudo apt-get install -y chromium` " +
        $"(it installs /usr/bin/chromium); elsewhere set {ChromiumVariable} to a Chromium or Chrome executable.";

    /// <summary>Whether a missing Chromium must fail the browser tests rather than skip them (CI).</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>The Chromium the tests would use, or null when there is none.</summary>
    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable(ChromiumVariable), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));

    // The machine's network is closed: without the background-networking flags Chromium keeps dialling Google's
    // hosts (.library/env/machines/dotnet.md, "Known to work"). Root in CI needs --no-sandbox.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: $ANBIEN_TEST_OUTPUT/screenshots, else TestResults/screenshots beside the test assembly.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var root = Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "TestResults");
            var folder = Path.Combine(root, "screenshots");
            System.IO.Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        var executable = FindChromium();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Flags,
                Timeout = 60_000,
            });
            return new HeadlessBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (own storage) at a phone's or a desktop's size.</summary>
    public Task<IBrowserContext> NewContextAsync(int width, int height, bool phone) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "vi-VN",
        });

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    private static string FindChromium() => ChromiumPath ?? throw new InvalidOperationException(MissingChromium);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
