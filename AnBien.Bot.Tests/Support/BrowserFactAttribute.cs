namespace AnBien.Bot.Tests.Support;

/// <summary>A browser test: skipped, with how to install Chromium, where there is none and CI does not require it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessBrowser.ChromiumPath is null && !HeadlessBrowser.Required) Skip = HeadlessBrowser.MissingChromium;
    }
}
