using AnBien.Bot.Admin;
using AnBien.Bot.Announcements;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Hosting;
using AnBien.Bot.Http;
using AnBien.Bot.Review;
using AnBien.Bot.Privacy;
using AnBien.Bot.Reports;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;

// Help and mistyped verbs are answered from the arguments alone: nothing starts, nothing is logged
var invocation = AdminCommandLine.Parse(args);
if (invocation.Kind is BotInvocationKind.Help or BotInvocationKind.Invalid)
{
    return AdminCommandLine.Answer(invocation, Console.Out, Console.Error);
}

// A wrong setting is one line naming it (exit 2); any other failure one line (exit 1); no stack traces
return await StartupGuard.RunAsync(async () =>
{
    // A command's arguments are its own (an "/abs/path" would read as a setting); it takes settings from the environment
    var hostArgs = invocation.IsCommand ? [] : invocation.Args;
    var builder = WebApplication.CreateBuilder(BotHostOptions.For(hostArgs));
    builder.UseLocalUrl();
    builder.Logging.AddBotLogging(invocation);
    builder.Services.AddBotTelemetry(builder.Configuration);

    // Behind a reverse proxy: which proxies' forwarded headers are believed
    builder.Services.AddProxies();

    // Storage: SQLite file by default, PostgreSQL for several instances
    builder.Services.AddStorage(builder.Configuration, builder.Environment);
    builder.Services.AddRequestBodyLimits();
    builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

    // The conversation core: catalogue, periods, directory, linking, engine, dialogs
    builder.Services.AddConversations();
    builder.Services.AddDirectory();

    // What unit heads and the council see: summaries, charts, workbooks, audit
    builder.Services.AddSummaries();

    // The head's review: confirm or adjust each member's classification ("duyệt")
    builder.Services.AddReview();

    // The council's yearly and milestone reports and award candidates ("báo cáo năm", "đề xuất khen thưởng")
    builder.Services.AddReports();

    // Personal data: consent, export, anonymise and erase, retention, secrets at rest
    builder.Services.AddPrivacy();

    // The council's announcements and the monthly rhythm (open, remind, close, digest)
    builder.Services.AddAnnouncements();
    builder.Services.AddRhythm();

    // The outbox: every message the bot sends is stored first and sent with retries, once
    builder.Services.AddOutbox();

    // Channels
    builder.Services.AddBotFramework(builder.Configuration);
    builder.Services.AddTeams();
    builder.Services.AddWebChat();
    builder.Services.AddZalo();

    var app = builder.Build();

    // Check every setting, fail fast on a broken catalogue or text file, migrate if Storage:MigrateOnStart
    await app.Services.PrepareAsync(prepareDatabase: invocation.Args is not ["migrate"]);

    // The administrator's command line runs on the same configuration as the service
    if (invocation.IsCommand)
    {
        return await AdminCommandLine.RunAsync(app.Services, invocation.Args, Console.Out, Console.Error);
    }

    // Browsers that once reached the bot over HTTPS never fall back to plain HTTP (sent on HTTPS requests only)
    app.UseProxies();
    if (!app.Environment.IsDevelopment()) app.UseHsts();
    app.UseWebChatPage();
    app.UseRequestBodyLimits();
    app.MapHealth();
    app.MapBotFramework();
    app.MapWebChat();
    app.MapZalo();
    app.MapSummaries();
    app.MapReports();
    app.MapAnnouncements();
    app.MapPersonalData();

    await app.RunAsync();
    return 0;
}, Console.Error, invocation.Verbose);

public partial class Program;
