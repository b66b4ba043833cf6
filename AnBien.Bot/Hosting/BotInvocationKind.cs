namespace AnBien.Bot.Hosting;

public enum BotInvocationKind
{
    /// <summary>No verb, only host options such as --urls: run the web service.</summary>
    Service,

    /// <summary>A known verb of the administrator's command line.</summary>
    Command,

    /// <summary>help, --help or -h: print the usage and stop.</summary>
    Help,

    /// <summary>Anything else (a mistyped verb): print the usage and exit 2, never start the service.</summary>
    Invalid,
}
