namespace AnBien.Bot.Channels.BotFramework;

/// <summary>A member as GET …/members/{id} returns it; Teams adds e-mail, UPN and tenant (botbuilder-dotnet TeamsChannelAccount).</summary>
public sealed class ConversationMember
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
}
