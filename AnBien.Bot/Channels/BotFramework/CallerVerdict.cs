namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Whether a verified caller may deliver a given activity (docs/protocols/botframework.md §2 checks 7 and 8).</summary>
public enum CallerVerdict
{
    Allowed,

    /// <summary>The token's <c>serviceurl</c> claim does not match the activity: 401, as the SDK's ChannelValidation answers.</summary>
    Unauthorized,

    /// <summary>The signing key is not endorsed for the activity's channel: 403 (§2 check 8).</summary>
    Forbidden,
}
