using System.Net.Mail;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Directory;

/// <summary>
/// Applies a directory file: creates and updates units and people, moves people between units, and deactivates
/// people missing from a staff list (their history stays). All or nothing: one error and nothing changes.
/// </summary>
public sealed class DirectoryImporter
{
    public async Task<ImportReport> ImportAsync(BotDbContext db, DirectoryFile file, CancellationToken ct)
    {
        var report = new ImportReport();
        report.Errors.AddRange(file.Errors);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        var knownUnitCodes = new HashSet<string>(units.Keys, StringComparer.OrdinalIgnoreCase);
        ValidateUnits(file.Units, knownUnitCodes, report);
        var staff = await db.Staff.ToDictionaryAsync(s => s.Code, StringComparer.OrdinalIgnoreCase, ct);
        var parsedRoles = ValidateStaff(file.Staff, knownUnitCodes, report);
        if (!report.Succeeded) return report;

        // Everything below is one SaveChanges (one transaction): references go through navigations, so new units
        // need no ids before their children and people are saved.
        foreach (var row in file.Units)
        {
            if (units.TryGetValue(row.Code, out var unit))
            {
                if (unit.Name != row.Name || !unit.Active) report.UnitsUpdated++;
                unit.Name = row.Name;
                unit.Active = true;
            }
            else
            {
                units[row.Code] = unit = new Unit { Code = row.Code, Name = row.Name };
                db.Units.Add(unit);
                report.UnitsCreated++;
            }
        }

        foreach (var row in file.Units)
        {
            units[row.Code].Parent = row.ParentCode is null ? null : units[row.ParentCode];
            if (row.ParentCode is null) units[row.Code].ParentId = null;
        }

        if (file.HasStaff)
        {
            foreach (var row in file.Staff)
            {
                var unit = units[row.UnitCode];
                if (!staff.TryGetValue(row.Code, out var person))
                {
                    person = new Staff { Code = row.Code, FullName = row.FullName, Unit = unit };
                    db.Staff.Add(person);
                    report.StaffCreated++;
                }
                else
                {
                    if (person.UnitId != unit.Id) report.StaffMoved++;
                    else report.StaffUpdated++;
                    person.Unit = unit;
                    person.FullName = row.FullName;
                }

                person.Title = row.Title;
                person.Roles = parsedRoles[row.Line];
                person.Email = row.Email?.ToLowerInvariant();
                person.Phone = NormalizePhone(row.Phone);
                person.TeamsObjectId = row.TeamsObjectId?.ToLowerInvariant();
                person.Active = true;
            }

            var listed = file.Staff.Select(r => r.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var gone in staff.Values.Where(s => s.Active && !listed.Contains(s.Code)))
            {
                gone.Active = false;
                report.StaffDeactivated++;
            }
        }

        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Vietnamese numbers in one form: 0xxxxxxxxx (a +84 / 84 prefix becomes 0).</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11) digits = "0" + digits[2..];
        return digits;
    }

    private static void ValidateUnits(List<UnitRow> rows, HashSet<string> known, ImportReport report)
    {
        var inFile = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Code)) report.Errors.Add($"line {row.Line}: unit code is empty");
            else if (!inFile.Add(row.Code)) report.Errors.Add($"line {row.Line}: unit code '{row.Code}' appears twice");
            if (string.IsNullOrWhiteSpace(row.Name)) report.Errors.Add($"line {row.Line}: unit '{row.Code}' has no name");
        }

        known.UnionWith(inFile);
        var parents = rows.Where(r => r.Code.Length > 0).GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().ParentCode, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (row.ParentCode is null) continue;
            if (!known.Contains(row.ParentCode)) report.Errors.Add($"line {row.Line}: parent unit '{row.ParentCode}' does not exist");
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { row.Code };
            for (var p = row.ParentCode; p is not null && parents.TryGetValue(p, out var next); p = next)
            {
                if (!seen.Add(p))
                {
                    report.Errors.Add($"line {row.Line}: unit '{row.Code}' is inside itself (cycle through '{p}')");
                    break;
                }
            }
        }
    }

    private static Dictionary<int, StaffRoles> ValidateStaff(List<StaffRow> rows, HashSet<string> knownUnits, ImportReport report)
    {
        var roles = new Dictionary<int, StaffRoles>();
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Code)) report.Errors.Add($"line {row.Line}: staff code is empty");
            else if (!codes.Add(row.Code)) report.Errors.Add($"line {row.Line}: staff code '{row.Code}' appears twice");
            if (string.IsNullOrWhiteSpace(row.FullName)) report.Errors.Add($"line {row.Line}: full_name is empty");
            if (string.IsNullOrWhiteSpace(row.UnitCode)) report.Errors.Add($"line {row.Line}: unit_code is empty");
            else if (!knownUnits.Contains(row.UnitCode)) report.Errors.Add($"line {row.Line}: unit '{row.UnitCode}' does not exist");
            if (row.Email is { } email && !MailAddress.TryCreate(email, out _)) report.Errors.Add($"line {row.Line}: e-mail '{email}' is not valid");
            if (row.Phone is { } phone && NormalizePhone(phone) is not { Length: >= 9 and <= 11 }) report.Errors.Add($"line {row.Line}: phone is not a valid number");
            if (row.TeamsObjectId is { } oid && !Guid.TryParse(oid, out _)) report.Errors.Add($"line {row.Line}: teams_object_id '{oid}' is not a GUID");

            var parsed = StaffRoles.Staff;
            foreach (var part in (row.Roles ?? "staff").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                StaffRoles? role = part.ToLowerInvariant() switch
                {
                    "staff" => StaffRoles.Staff,
                    "unit_head" or "unithead" => StaffRoles.UnitHead,
                    "leader" or "deputy" => StaffRoles.Leader,
                    "council" => StaffRoles.Council,
                    "admin" => StaffRoles.Admin,
                    _ => null,
                };
                if (role is null) report.Errors.Add($"line {row.Line}: unknown role '{part}' (use staff, leader, unit_head, council, admin)");
                else parsed |= role.Value;
            }

            roles[row.Line] = parsed;
        }

        return roles;
    }
}
