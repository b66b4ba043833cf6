namespace AnBien.Bot.Http;

/// <summary>Endpoint metadata: the largest request body this endpoint accepts, overriding Http:MaxRequestBodyBytes.</summary>
public sealed record RequestBodyLimit(long Bytes);
