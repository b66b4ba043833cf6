namespace AnBien.Bot.Conversations;

/// <summary>The one dialog the engine starts by name: identification of a person it does not know yet.</summary>
public static class DialogNames
{
    public const string AccountLinking = "account-linking";
}
