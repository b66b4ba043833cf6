using System.Reflection;

namespace AnBien.Bot.Hosting;

/// <summary>
/// Where the host looks for its files, which environment it runs in and where it listens, the same whichever way it
/// is started. `dotnet run --project AnBien.Bot` is the local run: Development unless ASPNETCORE_ENVIRONMENT (or
/// --environment) says otherwise, http://localhost:3978 unless URLs are configured, and the project folder as
/// content root. A published build uses its own folder and the host's usual defaults; deployment/ sets its URLs.
/// </summary>
public static class BotHostOptions
{
    /// <summary>Written into the build's runtimeconfig by AnBien.Bot.csproj, never into a published one.</summary>
    public const string ProjectDirectorySwitch = "AnBien.Bot.ProjectDirectory";

    public const string LocalUrl = "http://localhost:3978";

    public static WebApplicationOptions For(string[] hostArgs)
    {
        // Another entry point (the tests' WebApplicationFactory) chooses all of this itself.
        if (Assembly.GetEntryAssembly() != typeof(BotHostOptions).Assembly) return new WebApplicationOptions { Args = hostArgs };
        var project = ProjectDirectory;
        if (project is null) return new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory };

        var environmentChosen = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 }
            || hostArgs.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return new WebApplicationOptions
        {
            Args = hostArgs,
            ContentRootPath = project,
            EnvironmentName = environmentChosen ? null : Environments.Development,
        };
    }

    /// <summary>The local run listens on 3978 (the Bot Framework Emulator's habit) unless URLs or ports are configured.</summary>
    public static void UseLocalUrl(this WebApplicationBuilder builder)
    {
        if (ProjectDirectory is null || Assembly.GetEntryAssembly() != typeof(BotHostOptions).Assembly) return;
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"] ?? builder.Configuration["https_ports"];
        if (string.IsNullOrEmpty(configured)) builder.WebHost.UseUrls(LocalUrl);
    }

    private static string? ProjectDirectory =>
        AppContext.GetData(ProjectDirectorySwitch) is string project && System.IO.Directory.Exists(project) ? project : null;
}
