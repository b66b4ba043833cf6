using System.Globalization;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Http;

/// <summary>
/// Turns a database outage into an answer the caller retries on, instead of a bare 500. Nothing was committed when
/// this answer goes out (a turn commits in one SaveChanges), and redeliveries are de-duplicated, so a retry is safe.
/// </summary>
/// <param name="statusCode">503 for the Bot Connector and Zalo, which retry it; 502 for Direct Line, as its documentation says.</param>
public sealed partial class DatabaseOutageFilter(int statusCode) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex) && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            LogOutage(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseOutageFilter>(), ex.GetType().Name, statusCode);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return statusCode == StatusCodes.Status502BadGateway
                ? Results.Json(new { error = new { code = "ServiceError", message = "The bot's storage is unavailable; try again shortly." } }, statusCode: statusCode)
                : Results.StatusCode(statusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Database unavailable ({Error}); request answered {StatusCode} for the caller to retry")]
    private static partial void LogOutage(ILogger logger, string error, int statusCode);
}
