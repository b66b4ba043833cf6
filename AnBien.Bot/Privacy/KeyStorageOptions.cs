namespace AnBien.Bot.Privacy;

/// <summary>Where the Data Protection keys that encrypt secrets at rest are kept.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A folder for the keys, e.g. on another volume than the database, so a copy of the database alone does not
    /// reveal the secrets in it. Unset: the keys are kept in the database, shared by every instance.
    /// </summary>
    public string? KeysFolder { get; set; }
}
