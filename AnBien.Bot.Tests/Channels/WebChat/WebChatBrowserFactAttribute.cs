using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>A browser test that also needs Web Chat's bundle from npm: skipped with how to install what is missing, unless CI requires it.</summary>
public sealed class WebChatBrowserFactAttribute : FactAttribute
{
    public WebChatBrowserFactAttribute()
    {
        if (HeadlessBrowser.Required) return;
        if (HeadlessBrowser.ChromiumPath is null) Skip = HeadlessBrowser.MissingChromium;
        else if (WebChatClientBrowserTests.FindWebChatBundle(out var missing) is null) Skip = missing;
    }
}
