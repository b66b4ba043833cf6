using System.Text.Json;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Conversations;

/// <summary>
/// Runs one turn: drop redeliveries, load the conversation's state, work out who is speaking, let the right dialog
/// answer, then commit state, answers, the "processed" mark and the outbound replies in one SaveChanges before any
/// reply leaves.
/// </summary>
public sealed partial class ConversationEngine(
    BotDbContextFactory databases,
    IEnumerable<IDialog> dialogs,
    IEnumerable<IReplyHandler> replyHandlers,
    MainMenu menu,
    LinkingService linking,
    TextCatalog texts,
    KeyedLock locks,
    OutboxQueue outbox,
    TimeProvider clock,
    ILogger<ConversationEngine> logger)
{
    private const int MaxAttempts = 6;

    // The turn's reads, compiled once: EF otherwise walks, hashes and looks up each query's expression tree every time.
    // Per instance, not static: EF ties a compiled query to one model, and each provider has its own.
    private readonly Func<BotDbContext, string, string, CancellationToken, Task<bool>> _isProcessed = EF.CompileAsyncQuery(
        (BotDbContext db, string channel, string activityId, CancellationToken _) =>
            db.ProcessedActivities.Any(p => p.Channel == channel && p.ActivityId == activityId));

    private readonly Func<BotDbContext, string, string, CancellationToken, Task<ConversationRecord?>> _findConversation = EF.CompileAsyncQuery(
        (BotDbContext db, string channel, string conversationId, CancellationToken _) =>
            db.Conversations.SingleOrDefault(c => c.Channel == channel && c.ConversationId == conversationId));

    private readonly Func<BotDbContext, string, string, CancellationToken, Task<ChannelAccount?>> _findAccount = EF.CompileAsyncQuery(
        (BotDbContext db, string channel, string userId, CancellationToken _) =>
            db.ChannelAccounts.Include(a => a.Staff).SingleOrDefault(a => a.Channel == channel && a.ChannelUserId == userId));

    private readonly Dictionary<string, IDialog> _dialogs = dialogs.ToDictionary(d => d.Name);

    public async Task<TurnResult> HandleAsync(IncomingMessage message, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync($"{message.Channel}\n{message.ConversationId}", ct);

        // Redeliveries are rare, so the first attempt does not read ahead for the processed mark: its primary key rejects
        // a second copy at commit, which rolls the whole turn back, and the retry looks for the mark. One read less on
        // every turn for a wasted turn on each redelivery.
        var lookForRedelivery = false;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = databases.Create();
            try
            {
                // One connection for the whole turn: EF would otherwise open and close it around every query, and
                // each SQLite open re-registers functions and pragmas.
                await db.Database.OpenConnectionAsync(ct);
                return await TurnAsync(db, message, lookForRedelivery, ct);
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Either this activity was already processed (a redelivery, perhaps racing us on another instance), or
                // another instance changed the conversation first: look again from the top.
                if (!lookForRedelivery && message.ActivityId is { Length: > 0 })
                {
                    lookForRedelivery = true;
                    continue; // most likely a plain redelivery, which is no conflict and has no one to wait for
                }

                LogTurnConflict(logger, message.Channel, attempt, ex.GetType().Name);
                await Task.Delay(Random.Shared.Next(1, 5 << attempt), ct); // real time even under a test clock
            }
        }
    }

    private async Task<TurnResult> TurnAsync(BotDbContext db, IncomingMessage message, bool lookForRedelivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (message.ActivityId is { Length: > 0 } activityId)
        {
            if (lookForRedelivery && await _isProcessed(db, message.Channel, activityId, ct))
            {
                LogDuplicate(logger, message.Channel);
                return TurnResult.AlreadyProcessed;
            }

            db.ProcessedActivities.Add(new ProcessedActivity { Channel = message.Channel, ActivityId = activityId, ProcessedAt = now });
        }

        var record = await _findConversation(db, message.Channel, message.ConversationId, ct);
        if (record is null)
        {
            record = new ConversationRecord { Channel = message.Channel, ConversationId = message.ConversationId, StateJson = "{}", UpdatedAt = now };
            db.Conversations.Add(record);
        }

        var state = JsonSerializer.Deserialize<ConversationState>(record.StateJson) ?? new ConversationState();
        var turn = new TurnContext(message, db, state, texts, now);
        // Group chats and channels only get a pointer to the personal chat; nobody is linked from a shared thread.
        if (!message.IsGroup) await IdentifyAsync(turn, ct);
        await DispatchAsync(turn, ct);

        record.StateJson = JsonSerializer.Serialize(state);
        record.Version++;
        record.UpdatedAt = now;

        // The replies leave through the outbox, committed with the answers and the processed mark: a channel outage or
        // a crash after this point delays them but cannot lose them. Messages a handler queued to others go with them.
        if (message.ReplyTo is { } to)
        {
            outbox.Stage(db, to, turn.Replies, message.ActivityId is { Length: > 0 } id ? new OutboxSource(message.Channel, id) : null);
        }

        var queued = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(ct);
        return new TurnResult(turn.Replies, false) { Queued = queued.Select(r => r.Id).ToList() };
    }

    private async Task IdentifyAsync(TurnContext turn, CancellationToken ct)
    {
        var message = turn.Message;
        var account = await _findAccount(turn.Db, message.Channel, message.ChannelUserId, ct);
        if (account is null)
        {
            account = await linking.TryAutoLinkAsync(turn.Db, message, ct);
            if (account is not null)
            {
                LogLinked(logger, message.Channel, "verified-identity");
                turn.Staff = account.Staff;
                turn.Say(turn.T("link.auto", ("name", account.Staff!.FullName)));
            }
        }
        else
        {
            // Minute precision is plenty for reachability windows (Zalo: 48 h / 7 days) and saves a write per turn.
            if (account.LastInteractionAt is not { } last || turn.Now - last >= TimeSpan.FromMinutes(1)) account.LastInteractionAt = turn.Now;
            account.UnreachableSince = null;
            if (message.ConversationReference is not null) account.ConversationReference = message.ConversationReference;
        }

        if (account?.Staff is { Active: true } staff)
        {
            turn.Account = account;
            turn.Staff = staff;
        }
    }

    private async Task DispatchAsync(TurnContext turn, CancellationToken ct)
    {
        var state = turn.State;
        if (turn.Message.IsGroup)
        {
            turn.Say(turn.T("group.personalOnly"));
            return;
        }

        if (turn.Staff is null)
        {
            await LinkOrHelpAsync(turn, ct);
            return;
        }

        foreach (var handler in replyHandlers)
        {
            if (await handler.TryHandleAsync(turn, ct)) return;
        }

        var command = CommandParser.Parse(turn.Input);
        var active = state.ActiveDialog is { } name && _dialogs.TryGetValue(name, out var d) ? d : null;

        if (turn.Message.PromptId is { } promptId && active is not null && promptId != state.PromptId && command == Command.None)
        {
            // A click on a card the dialog has moved past: never record it against the current question.
            turn.Say(turn.T("prompt.stale"));
            await active.RepromptAsync(turn, ct);
            return;
        }

        if (command == Command.None && active is null && ChoiceMatcher.Match(turn.Input, menu.Choices(turn)) is { } picked)
        {
            command = CommandParser.Parse(picked.Value);
        }

        switch (command)
        {
            case Command.Menu:
                await StopAsync(turn, active, pause: true, ct);
                menu.Show(turn);
                return;
            case Command.Cancel:
                await StopAsync(turn, active, pause: false, ct);
                turn.Say(turn.T(active is null ? "cancel.nothing" : "cancel.done"));
                menu.Show(turn);
                return;
            case Command.Pause:
                await StopAsync(turn, active, pause: true, ct);
                if (active is null) turn.Say(turn.T("pause.nothing"));
                return;
            case Command.Back when active is not null:
                state.Misses = 0;
                await active.BackAsync(turn, ct);
                return;
            case Command.SelfAssessment:
                await StartAsync(turn, DialogNames.SelfAssessment, ct);
                return;
            case Command.MyResults:
                await StopAsync(turn, active, pause: true, ct);
                await StartAsync(turn, DialogNames.MyResults, ct);
                return;
            case Command.Link:
                turn.Say(turn.T("link.already", ("name", turn.Staff.FullName)));
                return;
            case Command.Vietnamese or Command.English:
                turn.Staff.Language = command == Command.English ? TextCatalog.English : TextCatalog.Vietnamese;
                turn.Say(turn.T("language.changed"));
                if (active is not null) await active.RepromptAsync(turn, ct);
                return;
        }

        if (active is not null)
        {
            await active.ContinueAsync(turn, ct);
            return;
        }

        // Nothing active here: an assessment left unfinished (here or on another channel) resumes where it stopped.
        var assessment = _dialogs[DialogNames.SelfAssessment];
        if (await ((IResumable)assessment).HasWorkToResumeAsync(turn, ct))
        {
            state.ActiveDialog = assessment.Name;
            await assessment.RepromptAsync(turn, ct);
            return;
        }

        if (!state.Welcomed)
        {
            state.Welcomed = true;
            turn.Say(turn.T("welcome.linked", ("name", turn.Staff.FullName)));
        }

        menu.Show(turn);
    }

    private async Task StartAsync(TurnContext turn, string name, CancellationToken ct)
    {
        turn.State.Misses = 0;
        turn.State.ActiveDialog = name;
        await _dialogs[name].BeginAsync(turn, ct);
    }

    private static async Task StopAsync(TurnContext turn, IDialog? active, bool pause, CancellationToken ct)
    {
        if (active is not null && pause) await active.PauseAsync(turn, ct);
        turn.State.ActiveDialog = null;
        turn.State.PromptId = null;
        turn.State.AwaitingNote = false;
        turn.State.Misses = 0;
    }

    private async Task LinkOrHelpAsync(TurnContext turn, CancellationToken ct)
    {
        var state = turn.State;
        var text = turn.Input;
        if (state.LinkLockedUntil is { } until && until > turn.Now)
        {
            turn.Say(turn.T("link.locked", ("minutes", Math.Ceiling((until - turn.Now).TotalMinutes))));
            return;
        }

        if (LinkingService.LooksLikeCode(text) && CommandParser.Parse(text) == Command.None)
        {
            var account = await linking.RedeemAsync(turn.Db, text!, turn.Message, ct);
            if (account is not null)
            {
                LogLinked(logger, turn.Message.Channel, "activation-code");
                state.FailedLinkAttempts = 0;
                state.Welcomed = true;
                turn.Staff = account.Staff;
                turn.Account = account;
                turn.Say(turn.T("link.done", ("name", account.Staff!.FullName)));
                menu.Show(turn);
                return;
            }

            state.FailedLinkAttempts++;
            LogLinkFailed(logger, turn.Message.Channel, state.FailedLinkAttempts);
            if (state.FailedLinkAttempts >= linking.Options.MaxFailedAttempts)
            {
                state.FailedLinkAttempts = 0;
                state.LinkLockedUntil = turn.Now + linking.Options.LockDuration;
                turn.Say(turn.T("link.locked", ("minutes", Math.Ceiling(linking.Options.LockDuration.TotalMinutes))));
                return;
            }

            turn.Say(turn.T("link.invalid", ("left", linking.Options.MaxFailedAttempts - state.FailedLinkAttempts)));
            return;
        }

        var command = CommandParser.Parse(text);
        turn.Send(new OutgoingMessage(turn.T(command == Command.Menu ? "unlinked.help" : "unlinked.intro"))
        {
            Choices = [new Choice("cmd:menu", turn.T("menu.help"))],
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered activity on {Channel} ignored")]
    private static partial void LogDuplicate(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn on {Channel} conflicted (attempt {Attempt}, {Error}); retrying")]
    private static partial void LogTurnConflict(ILogger logger, string channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat identity on {Channel} linked by {Method}")]
    private static partial void LogLinked(ILogger logger, string channel, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong activation code on {Channel} (attempt {Attempt})")]
    private static partial void LogLinkFailed(ILogger logger, string channel, int attempt);
}
