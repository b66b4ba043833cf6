namespace AnBien.Bot.Conversations;

/// <summary>Words understood anywhere in a conversation. Dialogs are started by their <see cref="MenuEntry"/> instead.</summary>
public enum Command
{
    None,
    Menu,
    Help,
    Cancel,
    Pause,
    Back,
    Link,
    Vietnamese,
    English,
}
