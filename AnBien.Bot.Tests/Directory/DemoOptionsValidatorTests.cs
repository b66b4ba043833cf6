using AnBien.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Directory;

public sealed class DemoOptionsValidatorTests
{
    [Fact]
    public async Task ProductionRefusesToStartWithDemoMode()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Demo:Enabled", "true");
            web.UseSetting("ConnectionStrings:Bot", database.ConnectionString);
            web.UseSetting("WebChat:TokenSecret", new string('s', 40));
        });

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Demo:Enabled must be false in Production", failure.Message, StringComparison.Ordinal);
    }
}
