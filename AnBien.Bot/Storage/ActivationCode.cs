namespace AnBien.Bot.Storage;

/// <summary>A one-time code that links a chat identity to a staff record. Only a hash of the code is stored.</summary>
public sealed class ActivationCode
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string IssuedBy { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Set when a newer code was issued to the same person: only the latest code links.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
