using AnBien.Bot.Storage;

namespace AnBien.Bot.Conversations;

/// <summary>Everything a dialog needs for one turn: the message, the person, the state, the database and the replies.</summary>
public sealed class TurnContext(
    IncomingMessage message,
    BotDbContext db,
    ConversationState state,
    TextCatalog texts,
    DateTimeOffset now)
{
    private readonly List<OutgoingMessage> _replies = [];
    private readonly Queue<DialogRequest> _requests = new();

    public IncomingMessage Message { get; } = message;
    public BotDbContext Db { get; } = db;

    /// <summary>The engine's fields of the conversation. Dialogs keep theirs in <see cref="DialogState{TState}"/>.</summary>
    public ConversationState State { get; } = state;
    public DateTimeOffset Now { get; } = now;
    public Staff? Staff { get; set; }
    public ChannelAccount? Account { get; set; }
    public string Language => Staff?.Language ?? TextCatalog.Vietnamese;
    public TextCatalog Texts { get; } = texts;
    public IReadOnlyList<OutgoingMessage> Replies => _replies;

    /// <summary>The button value if a card sent one, else the typed text.</summary>
    public string? Input => Message.ChoiceValue ?? Message.Text;

    /// <summary>The active dialog's scope for this turn (see <see cref="StepDialog{TScope}"/>); dropped when the stack changes.</summary>
    internal object? OpenScope { get; set; }

    public string T(string key, params (string Name, object? Value)[] args) => Texts.Get(Language, key, args);

    public void Say(string text) => _replies.Add(new OutgoingMessage(text));

    public void Send(OutgoingMessage message)
    {
        _replies.Add(message);
        if (message.PromptId is not null) State.PromptId = message.PromptId;
    }

    /// <summary>Replaces the last reply of the turn (the engine adds the next useful buttons to it).</summary>
    internal void AmendLastReply(Func<OutgoingMessage, OutgoingMessage> change) => _replies[^1] = change(_replies[^1]);

    /// <summary>The active dialog's own typed state, stored with the conversation when the turn commits.</summary>
    public TState DialogState<TState>() where TState : class, new() =>
        (State.Active ?? throw new InvalidOperationException("No dialog is active.")).StateAs<TState>();

    /// <summary>Starts a dialog on top of the active one; when it ends, the one below asks its question again.</summary>
    public void BeginDialog(string name, object? options = null) => _requests.Enqueue(new DialogRequest(DialogRequestKind.Begin, name, options));

    /// <summary>Ends the active dialog and starts another in its place.</summary>
    public void ReplaceDialog(string name, object? options = null) => _requests.Enqueue(new DialogRequest(DialogRequestKind.Replace, name, options));

    /// <summary>Ends the active dialog.</summary>
    public void EndDialog() => _requests.Enqueue(new DialogRequest(DialogRequestKind.End));

    internal bool TryTakeRequest(out DialogRequest request) => _requests.TryDequeue(out request!);

    internal bool HasRequests => _requests.Count > 0;

    /// <summary>Converts a UTC instant to the organisation's local time for display.</summary>
    public DateTimeOffset Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
}
