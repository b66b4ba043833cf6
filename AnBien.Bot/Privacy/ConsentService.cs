using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Privacy;

/// <summary>
/// The person's agreement to the privacy notice (docs: README "Dữ liệu cá nhân"). Linking asks for it before it links:
/// until the person agrees to the current version of the notice they stay unlinked and nothing they answer is stored.
/// The methods add rows to the caller's context and do not save, so a decision commits with the turn that made it.
/// </summary>
public sealed class ConsentService(TextCatalog texts, TimeProvider clock)
{
    public const string NoticeKey = "consent.notice";
    public const string VersionKey = "consent.notice.version";

    /// <summary>The version of the notice in force. A reworded notice gets a new version, and everyone is asked again.</summary>
    public string NoticeVersion => texts.Get(TextCatalog.Vietnamese, VersionKey);

    public string Notice(string language) => texts.Get(language, NoticeKey);

    /// <summary>Whether the person's latest decision on the notice in force is an agreement.</summary>
    public async Task<bool> HasAgreedAsync(BotDbContext db, int staffId, CancellationToken ct)
    {
        var version = NoticeVersion;
        return await db.Consents.Where(c => c.StaffId == staffId && c.NoticeVersion == version)
            .OrderByDescending(c => c.DecidedAt).ThenByDescending(c => c.Id)
            .Select(c => c.Agreed)
            .FirstOrDefaultAsync(ct);
    }

    public Consent RecordAgreement(BotDbContext db, int staffId, string channel) => Record(db, staffId, channel, agreed: true);

    /// <summary>
    /// Records a refusal, or a withdrawal of an earlier agreement. A withdrawal also removes the person's chat links:
    /// without consent the bot must not keep processing what they say. They can agree later and link again.
    /// </summary>
    public async Task<Consent> DeclineAsync(BotDbContext db, int staffId, string channel, CancellationToken ct)
    {
        var accounts = await db.ChannelAccounts.Where(a => a.StaffId == staffId).ToListAsync(ct);
        db.ChannelAccounts.RemoveRange(accounts);
        return Record(db, staffId, channel, agreed: false);
    }

    private Consent Record(BotDbContext db, int staffId, string channel, bool agreed)
    {
        var consent = new Consent { StaffId = staffId, Channel = channel, NoticeVersion = NoticeVersion, Agreed = agreed, DecidedAt = clock.GetUtcNow() };
        db.Consents.Add(consent);
        return consent;
    }
}
