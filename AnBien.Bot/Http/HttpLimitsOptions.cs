using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Http;

public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>The largest request body an endpoint without a limit of its own accepts (none of ours needs more).</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
