using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>Stops start-up with the exact missing setting when the Zalo channel is on but cannot work.</summary>
public sealed class ZaloOptionsValidator : IValidateOptions<ZaloOptions>
{
    public ValidateOptionsResult Validate(string? name, ZaloOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
