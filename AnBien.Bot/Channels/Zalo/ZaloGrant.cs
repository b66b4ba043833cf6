namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// The OA's OAuth v4 grant, one row per OA. Refresh tokens are single use (docs/protocols/zalo.md §3.1), so the row also
/// carries the refresh lease: only the instance holding it may spend the refresh token, and it stores the new pair
/// in the same update that releases the lease, before using it.
/// </summary>
public sealed class ZaloGrant
{
    public required string OaId { get; set; }
    public string? AccessToken { get; set; }
    public string? RefreshToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Set when a refresh was refused: an administrator must authorise again; no automatic retry.</summary>
    public DateTimeOffset? LostAt { get; set; }
    public string? LostReason { get; set; }

    /// <summary>PKCE of an authorisation in progress (state and verifier), cleared when its code is exchanged.</summary>
    public string? PendingState { get; set; }
    public string? PendingVerifier { get; set; }
    public DateTimeOffset? PendingSince { get; set; }
}
