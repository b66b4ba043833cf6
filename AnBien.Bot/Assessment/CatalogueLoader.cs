using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnBien.Bot.Assessment;

/// <summary>Reads and checks a catalogue file; a broken file stops start-up with a message that says where and why.</summary>
public static class CatalogueLoader
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Catalogue LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new CatalogueException(path, "the file", ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CatalogueException(path, "the file", ex.Message);
        }

        return Parse(json, path);
    }

    public static Catalogue Parse(string json, string fileName)
    {
        Catalogue? catalogue;
        try
        {
            catalogue = JsonSerializer.Deserialize<Catalogue>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var place = ex.LineNumber is { } line
                ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}{(string.IsNullOrEmpty(ex.Path) ? "" : $" ({ex.Path})")}"
                : ex.Path ?? "the document";
            throw new CatalogueException(fileName, place, FirstSentence(ex.Message));
        }

        if (catalogue is null)
        {
            throw new CatalogueException(fileName, "the document", "it is empty (null)");
        }

        Validate(catalogue, fileName);
        return catalogue;
    }

    private static void Validate(Catalogue c, string file)
    {
        void Fail(string place, string problem) => throw new CatalogueException(file, place, problem);

        if (string.IsNullOrWhiteSpace(c.Id)) Fail("$.id", "the id is empty");
        if (string.IsNullOrWhiteSpace(c.Version)) Fail("$.version", "the version is empty");
        if (c.EffectiveTo is { } to && to < c.EffectiveFrom) Fail("$.effectiveTo", "it is before effectiveFrom");
        if (c.Scales.Count == 0) Fail("$.scales", "no answer scale is defined");
        foreach (var (name, scale) in c.Scales)
        {
            if (scale.Choices.Count < 2) Fail($"$.scales.{name}.choices", "a scale needs at least two choices");
            var dup = scale.Choices.GroupBy(x => x.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) Fail($"$.scales.{name}.choices", $"choice code '{dup.Key}' appears twice");
        }

        if (!c.Scales.ContainsKey(c.DefaultScale)) Fail("$.defaultScale", $"scale '{c.DefaultScale}' is not defined in $.scales");
        if (c.Classification.Levels.Count == 0) Fail("$.classification.levels", "no classification level is defined");
        for (var i = 1; i < c.Classification.Levels.Count; i++)
        {
            if (c.Classification.Levels[i].MinPercent >= c.Classification.Levels[i - 1].MinPercent)
            {
                Fail($"$.classification.levels[{i}].minPercent", "levels must be listed from the highest minimum to the lowest");
            }
        }

        if (c.Individual.Groups.Count == 0) Fail("$.individual.groups", "there are no individual criteria");
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ValidateSection(c, c.Individual, "$.individual", codes, Fail);
        if (c.Collective is not null) ValidateSection(c, c.Collective, "$.collective", codes, Fail);
    }

    private static void ValidateSection(Catalogue c, CatalogueSection section, string path, HashSet<string> codes, Action<string, string> fail)
    {
        for (var g = 0; g < section.Groups.Count; g++)
        {
            var group = section.Groups[g];
            var groupPath = $"{path}.groups[{g}]";
            if (string.IsNullOrWhiteSpace(group.Code)) fail($"{groupPath}.code", "the group code is empty");
            if (!codes.Add(group.Code)) fail($"{groupPath}.code", $"code '{group.Code}' is used twice");
            if (group.Items.Count == 0) fail($"{groupPath}.items", $"group '{group.Code}' has no items");
            for (var i = 0; i < group.Items.Count; i++)
            {
                var item = group.Items[i];
                var itemPath = $"{groupPath}.items[{i}]";
                if (string.IsNullOrWhiteSpace(item.Code)) fail($"{itemPath}.code", "the item code is empty");
                if (!codes.Add(item.Code)) fail($"{itemPath}.code", $"code '{item.Code}' is used twice");
                if (string.IsNullOrWhiteSpace(item.Text)) fail($"{itemPath}.text", $"item '{item.Code}' has no text");
                if (item.Scale is { } scale && !c.Scales.ContainsKey(scale)) fail($"{itemPath}.scale", $"scale '{scale}' is not defined in $.scales");
                if (item.Roles.FirstOrDefault(r => r != AssessmentForm.LeaderRole) is { } role)
                {
                    fail($"{itemPath}.roles", $"role '{role}' is unknown; the only role an item may name is '{AssessmentForm.LeaderRole}'");
                }
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
