namespace AnBien.Bot.Conversations;

/// <summary>Typed dialog state of one conversation, stored as JSON in its row.</summary>
public sealed class ConversationState
{
    public string? ActiveDialog { get; set; }

    /// <summary>The question currently asked; a button press for any other question is stale.</summary>
    public string? PromptId { get; set; }

    /// <summary>Answers that matched nothing in a row; after a few the menu is offered.</summary>
    public int Misses { get; set; }

    public long? AssessmentId { get; set; }

    /// <summary>The self-assessment waits for a free-text note for the current group.</summary>
    public bool AwaitingNote { get; set; }

    public int FailedLinkAttempts { get; set; }
    public DateTimeOffset? LinkLockedUntil { get; set; }
    public bool Welcomed { get; set; }
}
