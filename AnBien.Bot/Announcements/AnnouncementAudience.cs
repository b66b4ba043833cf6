using AnBien.Bot.Storage;

namespace AnBien.Bot.Announcements;

/// <summary>Who an announcement is for: everyone, units (optionally with their sub-units), roles, or people by code.</summary>
public sealed record AnnouncementAudience(AudienceKind Kind, IReadOnlyList<string> Codes, bool WithSubUnits = false)
{
    public static readonly AnnouncementAudience Everyone = new(AudienceKind.All, []);

    /// <summary>Parses "all", "units:VP,KT", "roles:unit_head,council" or "staff:NV001,NV002" (the command line's form).</summary>
    public static AnnouncementAudience Parse(string text, bool withSubUnits = false)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase)) return Everyone;
        var colon = trimmed.IndexOf(':');
        var kind = colon < 0 ? null : trimmed[..colon].Trim().ToLowerInvariant() switch
        {
            "units" or "unit" => AudienceKind.Units,
            "roles" or "role" => AudienceKind.Roles,
            "staff" => AudienceKind.Staff,
            _ => (AudienceKind?)null,
        };
        if (kind is null) throw new ArgumentException($"Audience '{text}' is not all, units:<codes>, roles:<roles> or staff:<codes>.");
        var codes = trimmed[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0) throw new ArgumentException($"Audience '{text}' names nobody.");
        if (kind == AudienceKind.Roles) _ = ParseRoles(codes);
        return new AnnouncementAudience(kind.Value, codes, withSubUnits && kind == AudienceKind.Units);
    }

    public static StaffRoles ParseRoles(IEnumerable<string> names)
    {
        var roles = StaffRoles.None;
        foreach (var name in names)
        {
            roles |= name.ToLowerInvariant() switch
            {
                "staff" => StaffRoles.Staff,
                "unit_head" or "unithead" or "head" => StaffRoles.UnitHead,
                "council" => StaffRoles.Council,
                "admin" => StaffRoles.Admin,
                _ => throw new ArgumentException($"Unknown role '{name}' (use staff, unit_head, council, admin)."),
            };
        }

        return roles;
    }

    public override string ToString() => Kind switch
    {
        AudienceKind.All => "all",
        _ => $"{Kind.ToString().ToLowerInvariant()}:{string.Join(',', Codes)}",
    };
}
