using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnBien.Bot.Channels.BotFramework;

public static class BotFrameworkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
