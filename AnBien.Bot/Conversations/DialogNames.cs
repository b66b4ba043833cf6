namespace AnBien.Bot.Conversations;

public static class DialogNames
{
    public const string SelfAssessment = "self-assessment";
    public const string MyResults = "my-results";
}
