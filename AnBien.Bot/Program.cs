using AnBien.Bot.Admin;
using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Http;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Logging.Console;

var builder = WebApplication.CreateBuilder(args);
if (AdminCommandLine.IsCommand(args))
{
    // A command's output goes to stdout (an export can be piped into a file); its logs go to stderr.
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

// Storage: SQLite file by default, PostgreSQL for several instances
builder.Services.AddStorage(builder.Configuration, builder.Environment);
builder.Services.AddRequestBodyLimits();
builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

// The conversation core: catalogue, periods, directory, linking, engine, dialogs
builder.Services.AddConversations();
builder.Services.AddDirectory();

// What unit heads and the council see: summaries, charts, workbooks, audit
builder.Services.AddSummaries();

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

// Browsers that once reached the bot over HTTPS never fall back to plain HTTP (sent on HTTPS requests only)
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseWebChatPage();
app.UseRequestBodyLimits();
app.MapHealth();
app.MapBotFramework();
app.MapWebChat();
app.MapZalo();
app.MapSummaries();

await app.RunAsync();
return 0;

public partial class Program;
