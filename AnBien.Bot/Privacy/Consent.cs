using AnBien.Bot.Storage;

namespace AnBien.Bot.Privacy;

/// <summary>
/// One decision of a person on the privacy notice: agreed or declined, which version of the text they saw, when, and on
/// which channel. Rows are never updated, so the history (agree, later withdraw, agree again) is itself the evidence.
/// </summary>
public sealed class Consent
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }

    /// <summary>The value of the text "consent.notice.version" the person was shown.</summary>
    public required string NoticeVersion { get; set; }
    public required string Channel { get; set; }
    public bool Agreed { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
