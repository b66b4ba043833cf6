using System.Text.Json;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;

namespace AnBien.Bot.Conversations;

/// <summary>
/// Runs one turn: drop redeliveries, load the conversation's state, work out who is speaking, let the right dialog
/// answer, then commit state, answers, the "processed" mark and the outbound replies in one SaveChanges before any
/// reply leaves.
/// What every dialog shares is decided here, once: the global words, stale clicks, the three-miss rule, pause and
/// resume, and the dialog stack the dialogs change through the turn. It knows one dialog by name, the identification
/// of unlinked people (<see cref="DialogNames.AccountLinking"/>); the menu lists the others by their entries.
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
    ConversationStateCache conversations,
    TimeProvider clock,
    ILogger<ConversationEngine> logger)
{
    private const int MaxAttempts = 6;

    private static readonly ResiliencePropertyKey<bool> RedeliveryPossible = new("AnBien.Turn.RedeliveryPossible");
    private static readonly ResiliencePropertyKey<string> TurnChannel = new("AnBien.Turn.Channel");

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

    private readonly ResiliencePipeline _turnRetry = TurnRetry(logger);

    public async Task<TurnResult> HandleAsync(IncomingMessage message, CancellationToken ct)
    {
        using var activity = ConversationMetrics.Source.StartActivity("turn");
        activity?.SetTag("channel", message.Channel);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await HandleLockedAsync(message, ct);
            outcome = result.Duplicate ? "redelivery" : "handled";
            return result;
        }
        finally
        {
            ConversationMetrics.RecordTurn(message.Channel, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<TurnResult> HandleLockedAsync(IncomingMessage message, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync($"{message.Channel}\n{message.ConversationId}", ct);

        // Redeliveries are rare, so the first attempt does not read ahead for the processed mark: its primary key rejects
        // a second copy at commit, which rolls the whole turn back, and the retry looks for the mark. One read less on
        // every turn for a wasted turn on each redelivery.
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RedeliveryPossible, message.ActivityId is { Length: > 0 });
        context.Properties.Set(TurnChannel, message.Channel);
        var attempts = 0;
        try
        {
            return await _turnRetry.ExecuteAsync(async attempt =>
            {
                var lookForRedelivery = attempts++ > 0 && message.ActivityId is { Length: > 0 };
                await using var db = databases.Create();

                // One connection for the whole turn: EF would otherwise open and close it around every query, and
                // each SQLite open re-registers functions and pragmas.
                await db.Database.OpenConnectionAsync(attempt.CancellationToken);
                return await TurnAsync(db, message, lookForRedelivery, attempt.CancellationToken);
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A commit that fails means this activity was already processed (a redelivery, perhaps racing us on another
    /// instance), or another instance changed the conversation first: the turn runs again from the top. The first retry
    /// of an activity with an id is taken at once, as it is most likely a plain redelivery, which is no conflict and has
    /// no one to wait for; the others wait a short random time, in real time even under a test clock.
    /// </summary>
    private static ResiliencePipeline TurnRetry(ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder().Handle<DbUpdateException>(),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.AttemptNumber == 0 && args.Context.Properties.GetValue(RedeliveryPossible, false)
                        ? TimeSpan.Zero
                        : TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 << (args.AttemptNumber + 1)))),
                OnRetry = args =>
                {
                    if (args.AttemptNumber > 0 || !args.Context.Properties.GetValue(RedeliveryPossible, false))
                    {
                        LogTurnConflict(logger, args.Context.Properties.GetValue(TurnChannel, ""), args.AttemptNumber + 1,
                            args.Outcome.Exception?.GetType().Name ?? "");
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

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

        // The copy this instance committed last, when it has one: attached unchanged, its version guards the update.
        var record = conversations.Find(message.Channel, message.ConversationId);
        if (record is not null) db.Conversations.Attach(record);
        else record = await _findConversation(db, message.Channel, message.ConversationId, ct);
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
        if (turn.Staff is not null && !message.IsGroup && state.Stack.Count == 0) menu.OfferNext(turn);

        foreach (var frame in state.Stack) frame.Store();
        record.StateJson = JsonSerializer.Serialize(state);
        record.Version++;
        record.UpdatedAt = now;

        // The replies leave through the outbox, committed with the answers and the processed mark: a channel outage or
        // a crash after this point delays them but cannot lose them. Messages a handler queued to others go with them.
        if (message.ReplyTo is { } to)
        {
            outbox.Stage(db, to, turn.Replies, message.ActivityId is { Length: > 0 } id ? new OutboxSource(message.Channel, id) : null);
        }

        // Rows are only ever added to the outbox by Add, which tracks them at once: no scan for changes is needed to see
        // them (SaveChanges makes its own).
        var queued = QueuedReplies(db);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            conversations.Forget(message.Channel, message.ConversationId);
            throw;
        }

        conversations.Committed(record);
        return new TurnResult(turn.Replies, false) { Queued = queued.ConvertAll(r => r.Id), Staged = queued };
    }

    private static List<OutboxMessage> QueuedReplies(BotDbContext db)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var queued = new List<OutboxMessage>();
            foreach (var entry in tracker.Entries<OutboxMessage>())
            {
                if (entry.State == EntityState.Added) queued.Add(entry.Entity);
            }

            return queued;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
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
            account.Interacted(turn.Now);
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
            await IdentifyByDialogAsync(turn, ct);
            return;
        }

        foreach (var handler in replyHandlers)
        {
            if (await handler.TryHandleAsync(turn, ct)) return;
        }

        // Linked meanwhile by another path (e.g. a unit head's confirmation): the identification has nothing left to do.
        if (state.Active?.Name == DialogNames.AccountLinking) Pop(turn);

        var command = CommandParser.Parse(turn.Input);
        var active = ActiveDialog(state);

        if (turn.Message.PromptId is { } promptId && active is not null && promptId != state.PromptId && command == Command.None)
        {
            // A click on a card the dialog has moved past: never record it against the current question.
            turn.Say(turn.T("prompt.stale"));
            await active.RepromptAsync(turn, ct);
            await RunRequestsAsync(turn, ct);
            return;
        }

        var called = command == Command.None ? menu.DialogCalledBy(turn, inDialog: active is not null) : null;
        if (command == Command.None && called is null && active is null && menu.IsHelpPicked(turn)) command = Command.Help;

        switch (command)
        {
            case Command.Menu:
                await StopAsync(turn, active, pause: true, ct);
                menu.Show(turn);
                return;
            case Command.Help:
                // Help in the middle of a question explains and asks the question again; the dialog goes on.
                state.Misses = 0;
                menu.SayHelp(turn);
                if (active is not null) await active.RepromptAsync(turn, ct);
                await RunRequestsAsync(turn, ct);
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
                await RunRequestsAsync(turn, ct);
                return;
            case Command.Link:
                turn.Say(turn.T("link.already", ("name", turn.Staff.FullName)));
                return;
            case Command.Vietnamese or Command.English:
                turn.Staff.Language = command == Command.English ? TextCatalog.English : TextCatalog.Vietnamese;
                turn.Say(turn.T("language.changed"));
                if (active is not null) await active.RepromptAsync(turn, ct);
                await RunRequestsAsync(turn, ct);
                return;
        }

        if (called is not null)
        {
            // Starting a dialog from the menu leaves the one under way paused, unless it is the same one started afresh.
            await StopAsync(turn, active, pause: active is not null && active.Name != called.Name, ct);
            turn.BeginDialog(called.Name);
            await RunRequestsAsync(turn, ct);
            return;
        }

        if (active is not null)
        {
            var understood = await active.ContinueAsync(turn, ct);
            await RunRequestsAsync(turn, ct);
            if (understood) state.Misses = 0;
            else await MissAsync(turn, active, ct);
            return;
        }

        // Nothing active here: work left unfinished (here or on another channel) resumes where it stopped.
        foreach (var dialog in _dialogs.Values)
        {
            if (await dialog.HasWorkToResumeAsync(turn, ct))
            {
                turn.BeginDialog(dialog.Name);
                await RunRequestsAsync(turn, ct);
                return;
            }
        }

        if (!state.Welcomed)
        {
            state.Welcomed = true;
            turn.Say(turn.T("welcome.linked", ("name", turn.Staff.FullName)));
        }

        menu.Show(turn);
    }

    /// <summary>A person the engine does not know talks only to the identification dialog, whatever they type.</summary>
    private async Task IdentifyByDialogAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.State.Active?.Name != DialogNames.AccountLinking)
        {
            turn.State.Stack.Clear();
            Push(turn, DialogNames.AccountLinking);
        }

        await _dialogs[DialogNames.AccountLinking].ContinueAsync(turn, ct);
        await RunRequestsAsync(turn, ct);
        if (turn.Staff is not null)
        {
            turn.State.Welcomed = true;
            menu.Show(turn);
        }
    }

    /// <summary>The three-miss rule: ask again twice, then stop the dialog and offer to pick it up again or get help.</summary>
    private async Task MissAsync(TurnContext turn, IDialog active, CancellationToken ct)
    {
        var state = turn.State;
        if (ActiveDialog(state) != active) return; // the dialog ended itself meanwhile
        if (++state.Misses < 3)
        {
            var misses = state.Misses;
            await active.RetryAsync(turn, ct);
            await RunRequestsAsync(turn, ct);
            state.Misses = misses;
            return;
        }

        await StopAsync(turn, active, pause: false, ct);
        var choices = new List<Choice>();
        if (active.MenuEntry is { ContinueLabelKey: { } continueKey } entry)
        {
            choices.Add(new Choice(entry.Command, turn.T(continueKey), 1));
        }

        choices.Add(new Choice(MainMenu.HelpCommand, turn.T("menu.help"), choices.Count + 1));
        turn.Send(new OutgoingMessage(turn.T("miss.menu")) { Choices = choices });
    }

    /// <summary>Carries out what the dialogs asked of the turn: begin, replace, end.</summary>
    private async Task RunRequestsAsync(TurnContext turn, CancellationToken ct)
    {
        while (turn.TryTakeRequest(out var request))
        {
            switch (request.Kind)
            {
                case DialogRequestKind.End:
                    Pop(turn);
                    if (!turn.HasRequests && ActiveDialog(turn.State) is { } parent) await parent.RepromptAsync(turn, ct);
                    break;
                case DialogRequestKind.Replace:
                    Pop(turn);
                    Push(turn, request.Name!);
                    await _dialogs[request.Name!].BeginAsync(turn, request.Options, ct);
                    break;
                case DialogRequestKind.Begin:
                    Push(turn, request.Name!);
                    await _dialogs[request.Name!].BeginAsync(turn, request.Options, ct);
                    break;
            }
        }
    }

    private IDialog? ActiveDialog(ConversationState state) =>
        state.Active is { } frame && _dialogs.TryGetValue(frame.Name, out var dialog) ? dialog : null;

    private static void Push(TurnContext turn, string name)
    {
        turn.State.Stack.Add(new DialogFrame { Name = name });
        turn.State.Misses = 0;
        turn.OpenScope = null;
    }

    private static void Pop(TurnContext turn)
    {
        var stack = turn.State.Stack;
        if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
        turn.State.PromptId = null;
        turn.State.Misses = 0;
        turn.OpenScope = null;
    }

    /// <summary>Stops every dialog under way; a pause lets the active one say where the person can pick it up.</summary>
    private static async Task StopAsync(TurnContext turn, IDialog? active, bool pause, CancellationToken ct)
    {
        if (active is not null && pause) await active.PauseAsync(turn, ct);
        while (turn.State.Stack.Count > 0) Pop(turn);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered activity on {Channel} ignored")]
    private static partial void LogDuplicate(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn on {Channel} conflicted (attempt {Attempt}, {Error}); retrying")]
    private static partial void LogTurnConflict(ILogger logger, string channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat identity on {Channel} linked by {Method}")]
    private static partial void LogLinked(ILogger logger, string channel, string method);

}
