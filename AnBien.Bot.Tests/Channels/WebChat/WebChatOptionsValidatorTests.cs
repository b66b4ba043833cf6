using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Directory;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Channels.WebChat;

public sealed class WebChatOptionsValidatorTests
{
    [Theory]
    [InlineData("Production", false, null, false)]
    [InlineData("Production", false, "too-short", false)]
    [InlineData("Production", false, "a-secret-of-at-least-thirty-two-characters", true)]
    [InlineData("Production", true, null, true)]
    [InlineData("Development", false, null, true)]
    public void ProductionNeedsAConfiguredTokenSecret(string environment, bool demo, string? secret, bool valid)
    {
        var validator = new WebChatOptionsValidator(new HostingEnvironment { EnvironmentName = environment }, Options.Create(new DemoOptions { Enabled = demo }));

        var result = validator.Validate(null, new WebChatOptions { TokenSecret = secret });

        Assert.Equal(valid, result.Succeeded);
    }
}
