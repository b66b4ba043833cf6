namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// What the bot knows about one Teams personal conversation outside the engine's dialog state: the installation
/// (so a welcome is sent once and an uninstall is remembered) and the last question card, so it can be updated to show
/// the answer once the person has answered (docs/protocols/botframework.md §5: PUT …/activities/{id}).
/// </summary>
public sealed class TeamsConversation
{
    public long Id { get; set; }
    public required string ConversationId { get; set; }
    public required string UserId { get; set; }
    public string? TenantId { get; set; }
    public DateTimeOffset? InstalledAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public DateTimeOffset? WelcomedAt { get; set; }

    /// <summary>The activity id (from the Connector's ResourceResponse) of the last card with buttons.</summary>
    public string? LastCardActivityId { get; set; }
    public string? LastCardPromptId { get; set; }
    public string? LastCardJson { get; set; }

    /// <summary>The card's choices (value, label, number, aliases), to tell which one a typed answer picked.</summary>
    public string? LastCardChoicesJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
