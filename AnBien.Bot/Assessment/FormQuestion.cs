namespace AnBien.Bot.Assessment;

/// <summary>One item as asked: its position in the whole form and in its group.</summary>
public sealed record FormQuestion(int Index, int GroupIndex, int IndexInGroup, CatalogueGroup Group, CatalogueItem Item, CatalogueScale Scale)
{
    public bool IsFirstInGroup => IndexInGroup == 0;

    public bool IsLastInGroup => IndexInGroup == Group.Items.Count - 1;
}
