namespace AnBien.Bot.Storage;

/// <summary>
/// The staff categories of the directory's optional "category" column. Decree 335/2025 covers công chức only; viên chức
/// and người lao động stay under their own rules (docs/rules.md).
/// </summary>
public static class StaffCategory
{
    public const string CongChuc = "cong_chuc";
    public const string VienChuc = "vien_chuc";
    public const string NguoiLaoDong = "nguoi_lao_dong";

    public static readonly IReadOnlyList<string> All = [CongChuc, VienChuc, NguoiLaoDong];

    public static bool IsKnown(string value) => All.Contains(value);
}
