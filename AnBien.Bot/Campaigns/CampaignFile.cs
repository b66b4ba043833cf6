using System.Text.Json;

namespace AnBien.Bot.Campaigns;

/// <summary>
/// Reads campaign files: either {"campaigns": [...]} (the seed in Resources/campaigns/) or a bare list of questions
/// (`campaign add --questions`). Mistakes are reported as <see cref="ArgumentException"/> for the command line.
/// </summary>
public static class CampaignFile
{
    private sealed record Root(IReadOnlyList<CampaignDefinition>? Campaigns);

    public static IReadOnlyList<CampaignDefinition> ReadCampaigns(string path) =>
        Validate(Read<Root>(path).Campaigns ?? throw new ArgumentException($"{path} has no \"campaigns\" list."), path);

    public static IReadOnlyList<CampaignQuestionDefinition> ReadQuestions(string path) => Read<List<CampaignQuestionDefinition>>(path);

    public static IReadOnlyList<CampaignDefinition> Validate(IReadOnlyList<CampaignDefinition> campaigns, string source)
    {
        foreach (var c in campaigns)
        {
            if (string.IsNullOrWhiteSpace(c.Name)) throw new ArgumentException($"{source}: a campaign has no name.");
            if (c.To < c.From) throw new ArgumentException($"{source}: campaign '{c.Name}' ends ({c.To:yyyy-MM-dd}) before it starts ({c.From:yyyy-MM-dd}).");
            var codes = c.Questions.Select(q => q.Code).ToList();
            if (codes.Distinct(StringComparer.OrdinalIgnoreCase).Count() != codes.Count) throw new ArgumentException($"{source}: campaign '{c.Name}' repeats a question code.");
            if (c.Questions.FirstOrDefault(q => q.Choices.Count < 2) is { } q1) throw new ArgumentException($"{source}: question {q1.Code} needs at least two choices.");
        }

        return campaigns;
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"File '{path}' does not exist.");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web) ?? throw new ArgumentException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{path} is not a valid campaign file: {ex.Message}");
        }
    }
}
