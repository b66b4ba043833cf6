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

    public IncomingMessage Message { get; } = message;
    public BotDbContext Db { get; } = db;
    public ConversationState State { get; } = state;
    public DateTimeOffset Now { get; } = now;
    public Staff? Staff { get; set; }
    public ChannelAccount? Account { get; set; }
    public string Language => Staff?.Language ?? TextCatalog.Vietnamese;
    public TextCatalog Texts { get; } = texts;
    public IReadOnlyList<OutgoingMessage> Replies => _replies;

    /// <summary>The button value if a card sent one, else the typed text.</summary>
    public string? Input => Message.ChoiceValue ?? Message.Text;

    public string T(string key, params (string Name, object? Value)[] args) => Texts.Get(Language, key, args);

    public void Say(string text) => _replies.Add(new OutgoingMessage(text));

    public void Send(OutgoingMessage message)
    {
        _replies.Add(message);
        if (message.PromptId is not null) State.PromptId = message.PromptId;
    }

    /// <summary>Converts a UTC instant to the organisation's local time for display.</summary>
    public DateTimeOffset Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
}
