using Microsoft.Extensions.Logging.Console;

namespace AnBien.Bot.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// The service logs as configured (JSON lines in Production, appsettings.Production.json). A command prints its
    /// result on stdout and stays quiet otherwise: only errors reach stderr, everything with --verbose.
    /// </summary>
    public static ILoggingBuilder AddBotLogging(this ILoggingBuilder logging, BotInvocation invocation)
    {
        if (!invocation.IsCommand) return logging;
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!invocation.Verbose) logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Error);
        return logging;
    }
}
