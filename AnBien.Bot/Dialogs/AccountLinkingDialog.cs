using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// Identification of someone the bot does not know yet: they may only enter an activation code or ask for help.
/// The engine hands every message of an unlinked person here. Script: Dialogs/lien-ket-tai-khoan.md.
/// </summary>
public sealed partial class AccountLinkingDialog(LinkingService linking, ILogger<AccountLinkingDialog> logger)
    : StepDialog<DialogScope<StepState>>
{
    private const string EnterCode = "code";

    public override string Name => DialogNames.AccountLinking;

    protected override IReadOnlyList<DialogStep<DialogScope<StepState>>> Steps =>
    [
        new(EnterCode)
        {
            Ask = s => AskForCode(s.Turn, "unlinked.intro"),
            AnswerAsync = TakeCodeAsync,
        },
    ];

    public override Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        AskForCode(turn, "unlinked.intro");
        return Task.CompletedTask;
    }

    protected override Task<DialogScope<StepState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<StepState>?>(new(turn, turn.DialogState<StepState>()));

    private async Task<StepResult> TakeCodeAsync(DialogScope<StepState> s, CancellationToken ct)
    {
        var turn = s.Turn;
        var text = turn.Input;
        var command = CommandParser.Parse(text);
        if (!LinkingService.LooksLikeCode(text) || command != Command.None)
        {
            AskForCode(turn, command == Command.Menu ? "unlinked.help" : "unlinked.intro");
            return StepResult.Handled;
        }

        if (await linking.LockedUntilAsync(turn.Db, turn.Message, ct) is { } until)
        {
            turn.Say(turn.T("link.locked", ("minutes", Math.Ceiling((until - turn.Now).TotalMinutes))));
            return StepResult.Handled;
        }

        var result = await linking.RedeemAsync(turn.Db, text!, turn.Message, ct);
        if (result.Account is { Staff: { } staff } account)
        {
            LogLinked(logger, turn.Message.Channel);
            turn.Staff = staff;
            turn.Account = account;
            turn.Say(turn.T("link.done", ("name", staff.FullName)));
            turn.EndDialog();
            return StepResult.Handled;
        }

        LogLinkFailed(logger, turn.Message.Channel, result.AttemptsLeft);
        turn.Say(result.LockedUntil is { } lockedUntil
            ? turn.T("link.locked", ("minutes", Math.Ceiling((lockedUntil - turn.Now).TotalMinutes)))
            : turn.T("link.invalid", ("left", result.AttemptsLeft)));
        return StepResult.Handled;
    }

    private static void AskForCode(TurnContext turn, string key) =>
        turn.Send(new OutgoingMessage(turn.T(key)) { Choices = [new Choice(MainMenu.HelpCommand, turn.T("menu.help"))] });

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat identity on {Channel} linked by activation code")]
    private static partial void LogLinked(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong activation code on {Channel} ({Left} tries left)")]
    private static partial void LogLinkFailed(ILogger logger, string channel, int left);
}
