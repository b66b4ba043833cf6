using AnBien.Bot.Admin;
using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using Microsoft.Extensions.Logging.Console;

var builder = WebApplication.CreateBuilder(args);
if (AdminCommandLine.IsCommand(args))
{
    // A command's output goes to stdout (an export can be piped into a file); its logs go to stderr.
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

// Storage: SQLite file by default, PostgreSQL for several instances
builder.Services.AddStorage(builder.Configuration, builder.Environment);

// The conversation core: catalogue, periods, directory, linking, engine, dialogs
builder.Services.AddConversations();
builder.Services.AddDirectory();

// The outbox: every message the bot sends is stored first and sent with retries, once
builder.Services.AddOutbox();

// Channels
builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddTeams();
builder.Services.AddWebChat();
builder.Services.AddZalo();

var app = builder.Build();

// Fail fast on a broken catalogue or text file, and bring the database schema up to date
await app.Services.PrepareAsync();

// The administrator's command line runs on the same configuration as the service
if (AdminCommandLine.IsCommand(args))
{
    return await AdminCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseWebChatPage();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapBotFramework();
app.MapWebChat();
app.MapZalo();

await app.RunAsync();
return 0;

public partial class Program;
