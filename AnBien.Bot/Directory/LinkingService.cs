using System.Security.Cryptography;
using System.Text;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Directory;

/// <summary>
/// Links chat identities to staff records: automatically from verified identities, otherwise by one-time code. Nobody
/// is linked before agreeing to the privacy notice in force (<see cref="ConsentService"/>): the linking dialog asks and
/// calls <see cref="Link"/> only after "Đồng ý" (Dialogs/lien-ket-tai-khoan.md).
/// </summary>
public sealed class LinkingService(IOptions<LinkingOptions> options, ConsentService consent, TimeProvider clock)
{
    // No 0/O, 1/I/L: codes are read aloud and typed on phones.
    public const string ZaloPhoneConfirmed = "zalo-phone-confirmed";

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public LinkingOptions Options => options.Value;

    /// <summary>
    /// Links when the channel vouches for an identity that matches exactly one active staff member who has already agreed
    /// to the notice in force (say, from another channel). Someone who has not is left to the linking dialog, which asks.
    /// </summary>
    public async Task<ChannelAccount?> TryAutoLinkAsync(BotDbContext db, IncomingMessage message, CancellationToken ct)
    {
        if (await FindVerifiedAsync(db, message, ct) is not { } found) return null;
        return await consent.HasAgreedAsync(db, found.Staff.Id, ct) ? Link(db, found.Staff, message, found.How) : null;
    }

    /// <summary>The one active staff member the channel's verified identity (Teams object id, then email) points to.</summary>
    public async Task<(Staff Staff, string How)?> FindVerifiedAsync(BotDbContext db, IncomingMessage message, CancellationToken ct)
    {
        // A Zalo account whose shared phone number the unit head confirmed (Channels/Zalo/ZaloLinkApprovalHandler.cs): it
        // is linked here, like any verified identity, once its owner has agreed to the notice.
        if (message.Channel == ZaloEventHandler.Channel
            && await db.ZaloLinkRequests.Where(r => r.ZaloUserId == message.ChannelUserId && r.Approved == true && r.Staff!.Active)
                .OrderByDescending(r => r.Id).Select(r => r.Staff).FirstOrDefaultAsync(ct) is { } confirmed)
        {
            return (confirmed, ZaloPhoneConfirmed);
        }

        if (message.Identity is not { } identity) return null;
        if (!string.IsNullOrWhiteSpace(identity.AadObjectId)
            && await db.Staff.SingleOrDefaultAsync(s => s.Active && s.TeamsObjectId == identity.AadObjectId, ct) is { } byObjectId)
        {
            return (byObjectId, "aad-object-id");
        }

        if (!string.IsNullOrWhiteSpace(identity.Email))
        {
            var email = identity.Email.Trim().ToLowerInvariant();
            var matches = await db.Staff.Where(s => s.Active && s.Email == email).Take(2).ToListAsync(ct);
            if (matches.Count == 1) return (matches[0], "email");
        }

        return null;
    }

    public async Task<string> IssueCodeAsync(BotDbContext db, string staffCode, string issuedBy, CancellationToken ct)
    {
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Code == staffCode && s.Active, ct)
            ?? throw new ArgumentException($"No active staff member has the code '{staffCode}'.");
        var now = clock.GetUtcNow();
        // A code handed to the wrong person, or lost, must stop working the moment a new one is issued.
        foreach (var earlier in await db.ActivationCodes.Where(c => c.StaffId == staff.Id && c.UsedAt == null && c.RevokedAt == null).ToListAsync(ct))
        {
            earlier.RevokedAt = now;
        }

        var code = string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });
        db.ActivationCodes.Add(new ActivationCode
        {
            StaffId = staff.Id, CodeHash = Hash(code), IssuedAt = now, IssuedBy = issuedBy, ExpiresAt = now + Options.CodeLifetime,
        });
        await db.SaveChangesAsync(ct);
        return $"{code[..4]}-{code[4..]}";
    }

    /// <summary>Whether the text could be a code at all (8 letters/digits, dash and spaces ignored).</summary>
    public static bool LooksLikeCode(string? text) => Canonical(text) is { Length: 8 };

    /// <summary>
    /// Until when this chat account or client address may not try codes, or null. Wrong codes are counted over the
    /// last <see cref="LinkingOptions.LockDuration"/>, per account across its conversations and per client address.
    /// </summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(BotDbContext db, IncomingMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - Options.LockDuration;
        var failures = db.Set<LinkFailure>().Where(f => f.FailedAt > since);
        DateTimeOffset? until = null;
        var byAccount = await failures.Where(f => f.Channel == message.Channel && f.ChannelUserId == message.ChannelUserId)
            .OrderByDescending(f => f.FailedAt).Select(f => f.FailedAt).Take(Options.MaxFailedAttempts).ToListAsync(ct);
        if (byAccount.Count >= Options.MaxFailedAttempts) until = byAccount[^1] + Options.LockDuration;
        if (message.ClientAddress is { } address)
        {
            var byAddress = await failures.Where(f => f.ClientAddress == address)
                .OrderByDescending(f => f.FailedAt).Select(f => f.FailedAt).Take(Options.MaxFailedAttemptsPerAddress).ToListAsync(ct);
            if (byAddress.Count >= Options.MaxFailedAttemptsPerAddress && byAddress[^1] + Options.LockDuration > (until ?? now))
            {
                until = byAddress[^1] + Options.LockDuration;
            }
        }

        return until > now ? until : null;
    }

    /// <summary>
    /// Redeems a code and names whose it is, without linking: the caller links once the person agrees. A code that is unknown, used, revoked or expired counts as a wrong try for the account and the
    /// client address; the caller checks <see cref="LockedUntilAsync"/> first.
    /// </summary>
    public async Task<RedeemResult> RedeemAsync(BotDbContext db, string text, IncomingMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Canonical(text) is { } canonical)
        {
            var hash = Hash(canonical);
            var code = await db.ActivationCodes.Include(c => c.Staff).SingleOrDefaultAsync(c => c.CodeHash == hash, ct);
            if (code is { UsedAt: null, RevokedAt: null, Staff.Active: true } && code.ExpiresAt > now)
            {
                code.UsedAt = now;
                return new RedeemResult(code.Staff, Options.MaxFailedAttempts, null);
            }
        }

        db.Set<LinkFailure>().Add(new LinkFailure
        {
            Channel = message.Channel, ChannelUserId = message.ChannelUserId, ClientAddress = message.ClientAddress, FailedAt = now,
        });
        var since = now - Options.LockDuration;
        var earlier = await db.Set<LinkFailure>()
            .CountAsync(f => f.Channel == message.Channel && f.ChannelUserId == message.ChannelUserId && f.FailedAt > since, ct);
        var left = Math.Max(0, Options.MaxFailedAttempts - earlier - 1);
        return new RedeemResult(null, left, left == 0 ? now + Options.LockDuration : null);
    }

    /// <summary>Saves the link of this chat account to the staff member (with the turn); call only once they have agreed.</summary>
    public ChannelAccount Link(BotDbContext db, Staff staff, IncomingMessage message, string how)
    {
        var account = new ChannelAccount
        {
            Channel = message.Channel,
            ChannelUserId = message.ChannelUserId,
            StaffId = staff.Id,
            Staff = staff,
            LinkedAt = clock.GetUtcNow(),
            LinkedBy = how,
            LastInteractionAt = clock.GetUtcNow(),
            ConversationReference = message.ConversationReference,
        };
        db.ChannelAccounts.Add(account);
        return account;
    }

    private static string? Canonical(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var chars = text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray();
        return chars.Length == 8 && chars.All(c => c < 128) ? new string(chars) : null;
    }

    private static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
