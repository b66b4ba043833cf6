namespace AnBien.Bot.Assessment;

/// <summary>A catalogue file that cannot be used. The message names the file, the place in it and the problem.</summary>
public sealed class CatalogueException(string file, string place, string problem)
    : Exception($"Catalogue file '{file}' is invalid at {place}: {problem}")
{
    public string File { get; } = file;
    public string Place { get; } = place;
    public string Problem { get; } = problem;
}
