namespace AnBien.Bot.Storage;

/// <summary>A node of the organisation tree (cơ quan, đơn vị, phòng, tổ), imported as data.</summary>
public sealed class Unit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public bool Active { get; set; } = true;
}
