using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnBien.Bot.Summaries;

/// <summary>The summary as JSON for the command line and scripts; the key names are the contract.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(UnitSummary summary) => ToNode(summary).ToJsonString(Indented);

    public static JsonObject ToNode(UnitSummary s)
    {
        var node = new JsonObject
        {
            ["unit"] = s.UnitCode,
            ["unitName"] = s.UnitName,
            ["withSubunits"] = s.WithSubunits,
            ["period"] = s.Period.Label,
            ["months"] = new JsonArray(s.MonthsHeld.Select(m => (JsonNode?)m).ToArray()),
            ["expected"] = s.Expected,
            ["submitted"] = s.Submitted,
            ["notSubmitted"] = s.ListsOmitted ? null : new JsonArray(s.NotSubmitted.Select(n => n.Code).Distinct().Select(c => (JsonNode?)c).ToArray()),
            ["averagePercent"] = s.AveragePercent,
            ["groups"] = new JsonArray(s.Groups.Select(g => (JsonNode?)new JsonObject
            {
                ["code"] = g.Code,
                ["name"] = g.Name,
                ["averagePercent"] = g.AveragePercent,
            }).ToArray()),
            ["items"] = new JsonArray(s.Items.Select(i => (JsonNode?)new JsonObject
            {
                ["code"] = i.Code,
                ["averagePoints"] = i.AveragePoints,
                ["notDoneCount"] = i.NotDoneCount,
                ["breachCount"] = i.BreachCount,
            }).ToArray()),
            ["classifications"] = new JsonObject
            {
                ["proposed"] = Counts(s.Classifications.Select(c => (c.Label, c.Proposed))),
                ["confirmed"] = Counts(s.Classifications.Select(c => (c.Label, c.Confirmed))),
            },
            ["breachesReported"] = s.BreachesReported,
            ["goodDeeds"] = s.ListsOmitted ? null : s.GoodDeeds.Count,
            ["collective"] = new JsonObject
            {
                ["averagePercent"] = s.CollectivePercent,
                ["units"] = new JsonArray(s.Collective.Select(c => (JsonNode?)new JsonObject
                {
                    ["unit"] = c.UnitCode,
                    ["month"] = c.Month,
                    ["points"] = c.Points,
                    ["max"] = c.Max,
                    ["percent"] = c.Percent,
                }).ToArray()),
            },
            ["campaigns"] = new JsonArray(s.Campaigns.Select(c => (JsonNode?)new JsonObject
            {
                ["code"] = c.Id,
                ["name"] = c.Name,
                ["questions"] = new JsonArray(c.Questions.Select(q => (JsonNode?)new JsonObject
                {
                    ["code"] = q.Code,
                    ["text"] = q.Text,
                    ["answered"] = q.Answered,
                    ["distribution"] = new JsonObject(q.Distribution.Select(d => new KeyValuePair<string, JsonNode?>(d.Choice.Code, d.Count))),
                }).ToArray()),
            }).ToArray()),
            ["previous"] = s.Previous is null ? null : ToNode(s.Previous),
        };
        if (s.Organisation is { } o)
        {
            node["organisation"] = new JsonObject
            {
                ["expected"] = o.Expected,
                ["submitted"] = o.Submitted,
                ["averagePercent"] = o.AveragePercent,
                ["groups"] = new JsonArray(o.Groups.Select(g => (JsonNode?)new JsonObject { ["code"] = g.Code, ["averagePercent"] = g.AveragePercent }).ToArray()),
            };
        }

        return node;
    }

    private static JsonObject Counts(IEnumerable<(string Label, int Count)> counts)
    {
        var o = new JsonObject();
        foreach (var (label, count) in counts.Where(c => c.Count > 0)) o[label] = count;
        return o;
    }
}
