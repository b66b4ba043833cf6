using Microsoft.Extensions.Options;

namespace AnBien.Bot.Directory;

/// <summary>
/// Demo mode lists the whole directory on the public page and signs anyone in as anyone: never in Production, whatever
/// the configuration says. A trial that needs it runs as Development (or another named environment).
/// </summary>
public sealed class DemoOptionsValidator(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.Enabled && environment.IsProduction()
            ? ValidateOptionsResult.Fail($"{DemoOptions.Section}:Enabled must be false in Production: demo mode lets anyone sign in as any person in the directory.")
            : ValidateOptionsResult.Success;
}
