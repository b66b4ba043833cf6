namespace AnBien.Bot.Channels.Zalo;

/// <summary>The OA has no usable grant: never authorised, or the refresh token was refused and an administrator must authorise again.</summary>
public sealed class ZaloNotAuthorizedException(string message) : Exception(message);
