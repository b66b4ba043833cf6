using AnBien.Bot.Directory;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>A production service must sign tokens with a configured key: a random one would differ on every instance and restart.</summary>
public sealed class WebChatOptionsValidator(IHostEnvironment environment, IOptions<DemoOptions> demo) : IValidateOptions<WebChatOptions>
{
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        if (string.IsNullOrEmpty(options.TokenSecret))
        {
            return AllowsRandomSecret
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{WebChatOptions.Section}:TokenSecret is required outside Development and demo mode (at least {MinimumSecretLength} characters, from the environment or user secrets).");
        }

        return options.TokenSecret.Length < MinimumSecretLength
            ? ValidateOptionsResult.Fail($"{WebChatOptions.Section}:TokenSecret must have at least {MinimumSecretLength} characters.")
            : ValidateOptionsResult.Success;
    }

    private bool AllowsRandomSecret =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing") || demo.Value.Enabled;
}
