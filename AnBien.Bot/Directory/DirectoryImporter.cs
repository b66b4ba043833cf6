using System.Net.Mail;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Directory;

/// <summary>
/// Applies a directory file: creates and updates units and people, moves people between units, and deactivates
/// people missing from a staff list (their history stays). All or nothing: one error and nothing changes.
/// </summary>
public sealed class DirectoryImporter(TimeProvider clock)
{
    public DirectoryImporter()
        : this(TimeProvider.System)
    {
    }

    public Task<ImportReport> ImportAsync(BotDbContext db, DirectoryFile file, CancellationToken ct) =>
        ImportAsync(db, file, ImportPolicy.Apply, ct);

    public async Task<ImportReport> ImportAsync(BotDbContext db, DirectoryFile file, ImportPolicy policy, CancellationToken ct)
    {
        var report = new ImportReport { DryRun = policy.DryRun };
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
                if (unit.Name != row.Name || !unit.Active)
                {
                    report.UnitsUpdated++;
                    report.Changes.Add($"unit {row.Code}: updated");
                }

                unit.Name = row.Name;
                unit.Active = true;
            }
            else
            {
                units[row.Code] = unit = new Unit { Code = row.Code, Name = row.Name };
                db.Units.Add(unit);
                report.UnitsCreated++;
                report.Changes.Add($"unit {row.Code}: created");
            }
        }

        foreach (var row in file.Units)
        {
            var unit = units[row.Code];
            var parent = row.ParentCode is null ? null : units[row.ParentCode];
            if (unit.Id != 0 && unit.ParentId != parent?.Id && !report.Changes.Contains($"unit {row.Code}: updated"))
            {
                report.UnitsUpdated++;
                report.Changes.Add($"unit {row.Code}: updated");
            }

            unit.Parent = parent;
            if (parent is null) unit.ParentId = null;
        }

        if (file.HasStaff)
        {
            foreach (var row in file.Staff)
            {
                var unit = units[row.UnitCode];
                var values = (Title: row.Title, Roles: parsedRoles[row.Line], Email: row.Email?.ToLowerInvariant(),
                    Phone: NormalizePhone(row.Phone), TeamsObjectId: row.TeamsObjectId?.ToLowerInvariant());
                if (!staff.TryGetValue(row.Code, out var person))
                {
                    person = new Staff { Code = row.Code, FullName = row.FullName, Unit = unit };
                    db.Staff.Add(person);
                    report.StaffCreated++;
                    report.Changes.Add($"staff {row.Code}: created in {unit.Code}");
                }
                else if (person.UnitId != unit.Id)
                {
                    report.StaffMoved++;
                    report.Changes.Add($"staff {row.Code}: moved to {unit.Code}");
                }
                else if (person.FullName != row.FullName || person.Title != values.Title || person.Roles != values.Roles
                    || person.Email != values.Email || person.Phone != values.Phone || person.TeamsObjectId != values.TeamsObjectId
                    || !person.Active)
                {
                    // Only a real change counts: re-importing the same file must report nothing updated.
                    report.StaffUpdated++;
                    report.Changes.Add($"staff {row.Code}: {(person.Active ? "updated" : "reactivated")}");
                }

                person.Unit = unit;
                person.FullName = row.FullName;
                person.Title = values.Title;
                person.Roles = values.Roles;
                person.Email = values.Email;
                person.Phone = values.Phone;
                person.TeamsObjectId = values.TeamsObjectId;
                person.Active = true;
            }

            var listed = file.Staff.Select(r => r.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var active = staff.Values.Count(s => s.Active);
            foreach (var gone in staff.Values.Where(s => s.Active && !listed.Contains(s.Code)))
            {
                gone.Active = false;
                report.StaffDeactivated++;
                report.Changes.Add($"staff {gone.Code}: deactivated (not in the file)");
            }

            if (policy.MaxDeactivateShare is { } share && report.StaffDeactivated > share * active)
            {
                report.Errors.Add($"this file would deactivate {report.StaffDeactivated} of {active} active people, more than the " +
                    $"{share:P0} allowed (Import:MaxDeactivateShare). A staff list must list everyone; check the file, " +
                    "or run again with --allow-deactivate.");
            }
        }

        if (!report.Succeeded || policy.DryRun) return report;

        // Newcomers join the open periods' rosters in the same transaction as the directory change; on PostgreSQL the
        // retrying execution strategy must own a transaction it may replay.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (file.HasStaff) await PeriodRoster.SyncOpenPeriodsAsync(db, clock.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
        });
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
