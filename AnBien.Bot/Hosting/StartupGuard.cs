using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Hosting;

/// <summary>
/// Turns what stops the service or a command into what an operator can act on: every wrong setting on a line of its
/// own (exit 2), any other failure as one line (exit 1), never a stack trace. --verbose adds the exception's details.
/// </summary>
public static partial class StartupGuard
{
    public const int ConfigurationExitCode = 2;
    public const int FailureExitCode = 1;

    public static async Task<int> RunAsync(Func<Task<int>> run, TextWriter stderr, bool verbose)
    {
        // Hosted by another entry point (the tests' WebApplicationFactory, dotnet-ef), a failed start stays an exception.
        if (Assembly.GetEntryAssembly() != typeof(StartupGuard).Assembly) return await run();
        try
        {
            return await run();
        }
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            foreach (var problem in problems) stderr.WriteLine($"configuration: {problem}");
            stderr.WriteLine("Settings come from appsettings.json, environment variables (Section__Key) or --Section:Key=value; see README.md.");
            return ConfigurationExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            stderr.WriteLine($"error: {Innermost(ex).Message}");
            if (verbose) stderr.WriteLine(ex);
            return FailureExitCode;
        }
    }

    /// <summary>The validation failures inside an exception, one message per setting, however the host wrapped them.</summary>
    public static IReadOnlyList<string> ConfigurationProblems(Exception ex) => ex switch
    {
        OptionsValidationException options => options.Failures.SelectMany(SplitFailure).Distinct().ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ConfigurationProblems).Distinct().ToList(),
        _ when ex.InnerException is { } inner => ConfigurationProblems(inner),
        _ => [],
    };

    // DataAnnotations validation words a failure after the options class ("for 'PeriodOptions' members: 'OpenDay'
    // with the error: '…'"); an operator sets "Periods:OpenDay", so name the setting as it is configured.
    private static IEnumerable<string> SplitFailure(string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success) return [failure];
        var section = typeof(StartupGuard).Assembly.GetTypes().FirstOrDefault(t => t.Name == match.Groups["type"].Value)
            ?.GetField("Section")?.GetRawConstantValue() as string ?? match.Groups["type"].Value;
        return match.Groups["member"].Captures.Select((member, i) =>
            $"{section}:{member.Value}: {match.Groups["error"].Captures[i].Value.TrimEnd('.')}.");
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>\w+)' members: (?:'(?<member>[\w.]+)' with the error: '(?<error>.*?)'\.?(?:; |$))+")]
    private static partial Regex DataAnnotationFailure();

    private static Exception Innermost(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerException!) : ex;
}
