using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Http;

/// <summary>
/// Every request body is bounded here, in one place, whether it announces a Content-Length or arrives chunked: a body
/// over its endpoint's limit gets 413 before any endpoint reads it. Kestrel's own limit is set to the same value, and
/// the body is read into memory up to the limit, so the bound holds on any server and no endpoint can forget it.
/// </summary>
public static class RequestBodyLimitExtensions
{
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<HttpLimitsOptions>().BindConfiguration(HttpLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));

    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        var defaultLimit = app.Services.GetRequiredService<IOptions<HttpLimitsOptions>>().Value.MaxRequestBodyBytes;
        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.Bytes ?? defaultLimit;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            var request = http.Request;
            if (request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (MayHaveBody(request))
            {
                var body = await ReadAtMostAsync(request.Body, limit, http.RequestAborted);
                if (body is null)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                http.Response.RegisterForDispose(body);
                request.Body = body;
            }

            await next(http);
        });
        return app;
    }

    private static bool MayHaveBody(HttpRequest request) =>
        request.ContentLength > 0
        || (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)));

    /// <summary>The whole body in memory, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<MemoryStream?> ReadAtMostAsync(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }
}
