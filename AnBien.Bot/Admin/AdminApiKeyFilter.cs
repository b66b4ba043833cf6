using System.Security.Cryptography;
using System.Text;

namespace AnBien.Bot.Admin;

/// <summary>
/// Protects admin endpoints with the Admin:ApiKey setting, sent in the X-Admin-Key header and compared in constant
/// time. Without a configured key the admin API is closed (404), never open.
/// </summary>
public sealed class AdminApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["Admin:ApiKey"];
        if (string.IsNullOrWhiteSpace(expected)) return Results.NotFound();
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected))) return Results.Unauthorized();
        return await next(context);
    }
}
