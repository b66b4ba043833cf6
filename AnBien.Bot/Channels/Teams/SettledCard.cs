using System.Text.Json.Nodes;

namespace AnBien.Bot.Channels.Teams;

/// <summary>A question card as it looks once answered (<see cref="TeamsCardTracker"/>), with the id of the message holding it.</summary>
public sealed record SettledCard(string ActivityId, JsonObject Card);
