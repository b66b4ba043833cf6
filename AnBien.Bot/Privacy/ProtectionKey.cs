namespace AnBien.Bot.Privacy;

/// <summary>One ASP.NET Core Data Protection key as XML, shared by every instance through the database.</summary>
public sealed class ProtectionKey
{
    public int Id { get; set; }
    public required string FriendlyName { get; set; }
    public required string Xml { get; set; }
}
