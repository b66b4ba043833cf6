using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>The organisation tree as it is now (codes, names, parents), read in one query: a province has about a thousand units.</summary>
public sealed class UnitTree
{
    private readonly Dictionary<int, Node> _byId;
    private readonly Dictionary<string, Node> _byCode;
    private readonly ILookup<int?, Node> _children;

    private UnitTree(List<Node> nodes)
    {
        _byId = nodes.ToDictionary(n => n.Id);
        _byCode = nodes.ToDictionary(n => n.Code, StringComparer.OrdinalIgnoreCase);
        _children = nodes.ToLookup(n => n.ParentId);
        Roots = nodes.Where(n => n.ParentId is null).OrderBy(n => n.Id).ToList();
    }

    public int Count => _byId.Count;
    public IReadOnlyList<Node> Roots { get; }

    /// <summary>Every unit, in no particular order.</summary>
    public IEnumerable<Node> Nodes => _byId.Values;

    /// <summary>The units directly under one, in the order they were created.</summary>
    public IEnumerable<Node> Children(int unitId) => _children[unitId].OrderBy(n => n.Id);

    public static async Task<UnitTree> LoadAsync(BotDbContext db, CancellationToken ct) =>
        new(await db.Units.AsNoTracking().Select(u => new Node(u.Id, u.Code, u.Name, u.ParentId)).ToListAsync(ct));

    public bool TryFind(string code, out Node unit) => _byCode.TryGetValue(code, out unit!);

    public string CodeOf(int unitId) => _byId.TryGetValue(unitId, out var n) ? n.Code : unitId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string NameOf(int unitId) => _byId.TryGetValue(unitId, out var n) ? n.Name : CodeOf(unitId);

    public List<int> SelfAndDescendants(int unitId)
    {
        var result = new List<int>();
        var pending = new Stack<int>([unitId]);
        while (pending.TryPop(out var id))
        {
            result.Add(id);
            foreach (var child in _children[id]) pending.Push(child.Id);
        }

        return result;
    }

    /// <summary>True when <paramref name="unitId"/> is <paramref name="ancestorId"/> or lies under it.</summary>
    public bool IsWithin(int unitId, int ancestorId)
    {
        for (int? id = unitId; id is { } current; id = _byId.TryGetValue(current, out var n) ? n.ParentId : null)
        {
            if (current == ancestorId) return true;
        }

        return false;
    }

    public sealed record Node(int Id, string Code, string Name, int? ParentId);
}
