namespace AnBien.Bot.Conversations;

/// <summary>Words understood anywhere in a conversation.</summary>
public enum Command
{
    None,
    Menu,
    Cancel,
    Pause,
    Back,
    SelfAssessment,
    MyResults,
    Link,
    Vietnamese,
    English,
}
