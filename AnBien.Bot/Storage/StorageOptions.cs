namespace AnBien.Bot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (default, a file beside the app) or "Postgres" (several instances).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations at start-up. On by default; turn off where a DBA migrates.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
