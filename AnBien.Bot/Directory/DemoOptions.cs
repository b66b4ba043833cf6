namespace AnBien.Bot.Directory;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the fictional demo directory into an empty database. On for the local trial, off in production.</summary>
    public bool Enabled { get; set; }
}
