namespace AnBien.Bot.Assessment;

public sealed record CatalogueScale
{
    public required IReadOnlyList<ScaleChoice> Choices { get; init; }

    public int MaxPoints => Choices.Max(c => c.Points);

    /// <summary>
    /// The number a person may type for a choice. When the points are distinct and not negative the number is the
    /// points ("2" = Thường xuyên), which is what staff used on paper; otherwise the 1-based position.
    /// </summary>
    public int NumberOf(ScaleChoice choice)
    {
        var pointsAreKeys = Choices.All(c => c.Points >= 0) && Choices.Select(c => c.Points).Distinct().Count() == Choices.Count;
        return pointsAreKeys ? choice.Points : Choices.ToList().IndexOf(choice) + 1;
    }
}
