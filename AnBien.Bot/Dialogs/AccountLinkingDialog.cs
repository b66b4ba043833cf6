using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// Identification of someone the bot does not know yet: they may only enter an activation code or ask for help.
/// The engine hands every message of an unlinked person here. Once the code (or the channel's verified identity) says
/// who they are, the privacy notice is shown, and the chat account is linked only when they agree; someone who declines
/// stays unlinked and can agree later from the help reply. Script: Dialogs/lien-ket-tai-khoan.md.
/// </summary>
public sealed partial class AccountLinkingDialog(
    LinkingService linking, ConsentService consent, IOptions<PeriodOptions> periods, ILogger<AccountLinkingDialog> logger)
    : StepDialog<DialogScope<AccountLinkingState>>
{
    public const string AgreeCommand = "cmd:consent-agree";
    public const string DeclineCommand = "cmd:consent-decline";
    public const string ReviewCommand = "cmd:consent";

    private const string EnterCode = "code";
    private const string AskConsent = "consent";

    public override string Name => DialogNames.AccountLinking;

    protected override IReadOnlyList<DialogStep<DialogScope<AccountLinkingState>>> Steps =>
    [
        new(EnterCode)
        {
            Ask = s => AskForCode(s, "unlinked.intro"),
            AnswerAsync = TakeCodeAsync,
        },
        new(AskConsent)
        {
            Ask = s => ShowNotice(s.Turn),
            AnswerAsync = TakeConsentAsync,
        },
    ];

    public override Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        turn.Send(new OutgoingMessage(turn.T("unlinked.intro")) { Choices = [new Choice(MainMenu.HelpCommand, turn.T("menu.help"))] });
        return Task.CompletedTask;
    }

    protected override Task<DialogScope<AccountLinkingState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<AccountLinkingState>?>(new(turn, turn.DialogState<AccountLinkingState>()));

    private async Task<StepResult> TakeCodeAsync(DialogScope<AccountLinkingState> s, CancellationToken ct)
    {
        var turn = s.Turn;
        var text = turn.Input;
        var command = CommandParser.Parse(text);

        // Someone who declined earlier, or who is back after a pause, picks the notice up again here.
        if (s.State.PendingStaffId is not null && (text == ReviewCommand || IsAgreement(text)))
        {
            GoTo(s, AskConsent);
            return StepResult.Handled;
        }

        // The channel vouches for who this is: no code needed, but the notice is, once.
        if (s.State.PendingStaffId is null && await linking.FindVerifiedAsync(turn.Db, turn.Message, ct) is { } verified)
        {
            Hold(s, verified.Staff, verified.How);
            turn.Say(turn.T(verified.How == LinkingService.ZaloPhoneConfirmed ? "link.recognised.phone" : "link.recognised", ("name", verified.Staff.FullName)));
            GoTo(s, AskConsent);
            return StepResult.Handled;
        }

        if (!LinkingService.LooksLikeCode(text) || command != Command.None)
        {
            AskForCode(s, command is Command.Menu or Command.Help ? "unlinked.help" : "unlinked.intro");
            return StepResult.Handled;
        }

        if (await linking.LockedUntilAsync(turn.Db, turn.Message, ct) is { } until)
        {
            turn.Say(turn.T("link.locked", ("minutes", Math.Ceiling((until - turn.Now).TotalMinutes))));
            return StepResult.Handled;
        }

        var result = await linking.RedeemAsync(turn.Db, text!, turn.Message, ct);
        if (result.Staff is { } staff)
        {
            Hold(s, staff, "activation-code");
            if (await consent.HasAgreedAsync(turn.Db, staff.Id, ct))
            {
                // Agreed already (from another channel) to the notice in force: asking again would only be noise.
                Complete(s, staff, "link.done");
                return StepResult.Handled;
            }

            GoTo(s, AskConsent);
            return StepResult.Handled;
        }

        LogLinkFailed(logger, turn.Message.Channel, result.AttemptsLeft);
        turn.Say(result.LockedUntil is { } lockedUntil
            ? turn.T("link.locked", ("minutes", Math.Ceiling((lockedUntil - turn.Now).TotalMinutes)))
            : turn.T("link.invalid", ("left", result.AttemptsLeft)));
        return StepResult.Handled;
    }

    private async Task<StepResult> TakeConsentAsync(DialogScope<AccountLinkingState> s, CancellationToken ct)
    {
        var turn = s.Turn;
        var staff = s.State.PendingStaffId is { } id ? await turn.Db.Staff.SingleOrDefaultAsync(x => x.Id == id && x.Active, ct) : null;
        if (staff is null)
        {
            // Deactivated meanwhile: start over with a code.
            Forget(s);
            GoTo(s, EnterCode);
            return StepResult.Handled;
        }

        var picked = ChoiceMatcher.Match(turn.Input, ConsentChoices(turn))?.Value;
        if (picked == AgreeCommand)
        {
            consent.RecordAgreement(turn.Db, staff.Id, turn.Message.Channel);
            turn.Say(turn.T("consent.recorded", ("date", DisplayFormat.Date(turn.Local(turn.Now, periods.Value.TimeZone)))));
            Complete(s, staff, "link.done");
            return StepResult.Handled;
        }

        if (picked == DeclineCommand)
        {
            await consent.DeclineAsync(turn.Db, staff.Id, turn.Message.Channel, ct);
            LogDeclined(logger, turn.Message.Channel);
            s.Step = EnterCode;
            turn.Send(new OutgoingMessage(turn.T("consent.declined")) { Choices = LaterChoices(turn) });
            return StepResult.Handled;
        }

        if (CommandParser.Parse(turn.Input) is Command.Menu or Command.Help)
        {
            s.Step = EnterCode;
            AskForCode(s, "unlinked.help");
            return StepResult.Handled;
        }

        return StepResult.NotUnderstood;
    }

    private void Complete(DialogScope<AccountLinkingState> s, Staff staff, string doneKey)
    {
        var turn = s.Turn;
        var account = linking.Link(turn.Db, staff, turn.Message, s.State.PendingHow ?? "activation-code");
        LogLinked(logger, turn.Message.Channel, account.LinkedBy ?? "");
        turn.Staff = staff;
        turn.Account = account;
        turn.Say(turn.T(doneKey, ("name", staff.FullName)));
        Forget(s);
        turn.EndDialog();
    }

    private static void Hold(DialogScope<AccountLinkingState> s, Staff staff, string how)
    {
        s.State.PendingStaffId = staff.Id;
        s.State.PendingHow = how;
    }

    private static void Forget(DialogScope<AccountLinkingState> s)
    {
        s.State.PendingStaffId = null;
        s.State.PendingHow = null;
    }

    private static bool IsAgreement(string? text) =>
        text == AgreeCommand || TextNormalizer.Fold(text) is "dong y" or "toi dong y" or "dong y dieu khoan" or "agree" or "i agree";

    private void ShowNotice(TurnContext turn) =>
        turn.Send(new OutgoingMessage(consent.Notice(turn.Language)) { Choices = ConsentChoices(turn) });

    private static List<Choice> ConsentChoices(TurnContext turn) =>
    [
        new(AgreeCommand, turn.T("consent.agree"), 1, ["đồng ý", "agree", "yes", "có"]),
        new(DeclineCommand, turn.T("consent.decline"), 2, ["không", "no", "decline"]),
    ];

    /// <summary>After a refusal the help reply keeps a way back to the notice: "Đồng ý điều khoản".</summary>
    private static List<Choice> LaterChoices(TurnContext turn) =>
        [new(ReviewCommand, turn.T("consent.review"), 1), new(MainMenu.HelpCommand, turn.T("menu.help"), 2)];

    private static void AskForCode(DialogScope<AccountLinkingState> s, string key) =>
        s.Turn.Send(new OutgoingMessage(s.Turn.T(key))
        {
            Choices = s.State.PendingStaffId is null ? [new Choice(MainMenu.HelpCommand, s.Turn.T("menu.help"))] : LaterChoices(s.Turn),
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat identity on {Channel} linked by {Method} after consent")]
    private static partial void LogLinked(ILogger logger, string channel, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy notice declined on {Channel}; the chat identity stays unlinked")]
    private static partial void LogDeclined(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong activation code on {Channel} ({Left} tries left)")]
    private static partial void LogLinkFailed(ILogger logger, string channel, int left);
}
