using System.Globalization;

namespace AnBien.Bot.Benchmarks;

/// <summary>One fictional staff member per benchmark conversation, linked automatically by Teams object id.</summary>
public static class BenchDirectory
{
    public static string ObjectId(int person) => $"bbbbbbbb-0000-4000-8000-{person.ToString("D12", CultureInfo.InvariantCulture)}";

    public static IEnumerable<string> StaffCsv(int count)
    {
        yield return "code,full_name,unit_code,title,roles,email,phone,teams_object_id";
        for (var p = 0; p < count; p++)
        {
            yield return $"B{p:D4},Cán bộ thử tải {p},VP,Chuyên viên,staff,,,{ObjectId(p)}";
        }
    }
}
