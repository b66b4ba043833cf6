using System.Globalization;

namespace AnBien.Bot.Conversations;

/// <summary>How months, dates and percentages read in every reply: "11/2026", "05/12/2026", "09:00 28/11/2026", "97,5".</summary>
public static class DisplayFormat
{
    private const string DateFormat = "dd/MM/yyyy";

    /// <summary>"2026-11" → "11/2026".</summary>
    public static string Month(string month) => $"{month[5..]}/{month[..4]}";

    public static string Date(DateTimeOffset local) => local.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset local) => local.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent, string language) => percent.ToString("0.#", TextCatalog.Culture(language));
}
