
namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Who delivered an activity to /api/messages, as far as its bearer token (or the local mode) proves it.</summary>
/// <param name="Authenticated">A token was verified; only then may a serviceUrl be stored and a channel's identity look-up trusted.</param>
/// <param name="FromConnector">The token came from the Bot Connector (not an Entra/Emulator token) and carries the checks below.</param>
/// <param name="Endorsements">Channels the signing key is endorsed for (Connector tokens only).</param>
/// <param name="ServiceUrl">The token's <c>serviceurl</c> claim (Connector tokens only).</param>
public sealed record BotCaller(bool Authenticated, bool FromConnector, IReadOnlySet<string> Endorsements, string? ServiceUrl)
{
    /// <summary>No credentials configured: the loopback-only local mode of the Emulator (docs/protocols/botframework.md §2 "No App ID").</summary>
    public static readonly BotCaller Local = new(false, false, new HashSet<string>(), null);

    public static BotCaller Connector(IReadOnlySet<string> endorsements, string? serviceUrl) => new(true, true, endorsements, serviceUrl);

    public static readonly BotCaller Entra = new(true, false, new HashSet<string>(), null);

    /// <summary>Checks 7 and 8 of docs/protocols/botframework.md §2, which need the activity as well as the token.</summary>
    public CallerVerdict Check(Activity activity)
    {
        if (!FromConnector) return CallerVerdict.Allowed;
        if (activity.ChannelId is not { Length: > 0 } channel || !Endorsements.Contains(channel)) return CallerVerdict.Forbidden;

        // The SDK compares the claim with activity.serviceUrl case-insensitively (botbuilder-dotnet ChannelValidation).
        return string.Equals(ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase) ? CallerVerdict.Allowed : CallerVerdict.Unauthorized;
    }
}
