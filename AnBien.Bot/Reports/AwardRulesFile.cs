using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AnBien.Bot.Reports;

/// <summary>Reads `--rules file.json`: the keys of the Awards section (e.g. {"MinMonthsSubmitted": 9}); keys left out keep the section's value.</summary>
public static class AwardRulesFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static AwardOptions Read(string path, AwardOptions defaults)
    {
        if (!File.Exists(path)) throw new ArgumentException($"Rules file '{path}' does not exist.");
        AwardOptions rules;
        try
        {
            // Start from the configured rules so a file may change one key only.
            var merged = JsonSerializer.SerializeToNode(defaults, Json)!.AsObject();
            var given = ObjectOf(File.ReadAllText(path));
            foreach (var (key, value) in given)
            {
                var known = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"Rules file '{path}': unknown key '{key}'.");
                merged[known] = value?.DeepClone();
            }

            rules = merged.Deserialize<AwardOptions>(Json)!;
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Rules file '{path}' is not valid: {ex.Message}");
        }

        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(rules, new ValidationContext(rules), errors, validateAllProperties: true))
        {
            throw new ArgumentException($"Rules file '{path}': {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
        }

        return rules;
    }

    private static JsonObject ObjectOf(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the file must hold one JSON object.");
}
