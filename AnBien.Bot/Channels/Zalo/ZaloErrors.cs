namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// OA API error codes (docs/protocols/zalo.md §2.6, the OA family only: ZNS reuses numbers with other meanings).
/// They arrive with HTTP 200 and a non-zero "error".
/// </summary>
public static class ZaloErrors
{
    public const int RateLimited = -32;
    public const int InvalidToken = -216;
    public const int ExpiredToken = -220;
    public const int OutsideInteractionWindow = -230;
    public const int InteractionExpired = -232;
    public const int NotFollower = -213;
    public const int Inactive = -227;
    public const int Restricted = -244;

    /// <summary>-216 invalid, -220 expired or removed: refresh once and retry (Chatwoot send_on_zalo_service.rb).</summary>
    public static bool IsTokenError(int error) => error is InvalidToken or ExpiredToken;

    /// <summary>The person cannot receive customer-service messages now; not a failure of the bot.</summary>
    public static bool IsNotReachable(int error) => error is OutsideInteractionWindow or InteractionExpired or NotFollower or Inactive or Restricted;

    public static string Describe(int error) => error switch
    {
        -230 => "not reachable on Zalo: no interaction in the last 7 days (-230)",
        -232 => "not reachable on Zalo: interaction window expired (-232)",
        -213 => "not reachable on Zalo: does not follow the OA (-213)",
        -227 => "not reachable on Zalo: banned or inactive for 45+ days (-227)",
        -244 => "not reachable on Zalo: the user restricted this message type (-244)",
        -32 => "Zalo rate limit reached (-32)",
        -216 or -220 => $"Zalo access token rejected ({error})",
        -221 or -224 => $"the OA must be verified or on a higher package ({error})",
        -223 => "the OA has not authorised this API: authorise again with the right permissions (-223)",
        -201 => "Zalo rejected a field of the message (-201)",
        _ => $"Zalo error {error}",
    };
}
