using System.Text.Json;
using AnBien.Bot.Assessment;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Working days and hours in local time: reminders go out only then. Public holidays are data
/// (Resources/holidays/&lt;year&gt;.json, updated each year from the government's decision) plus Schedule:ExtraHolidays.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly ScheduleOptions _options;
    private readonly HashSet<DateOnly> _holidays;

    public WorkingCalendar(IOptions<ScheduleOptions> options, IOptions<PeriodOptions> periods)
    {
        _options = options.Value;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(periods.Value.TimeZone);
        _holidays = [.. _options.ExtraHolidays];
        var folder = Path.IsPathRooted(_options.HolidaysFolder)
            ? _options.HolidaysFolder
            : Path.Combine(AppContext.BaseDirectory, _options.HolidaysFolder);
        if (!System.IO.Directory.Exists(folder)) return;
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.json"))
        {
            var days = JsonSerializer.Deserialize<DateOnly[]>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"Holiday file '{file}' is empty.");
            _holidays.UnionWith(days);
        }
    }

    public TimeZoneInfo Zone { get; }

    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now));

    public bool IsWorkingDay(DateOnly day) => _options.WorkingDays.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = Local(instant);
        var time = TimeOnly.FromDateTime(local);
        return IsWorkingDay(DateOnly.FromDateTime(local)) && time >= _options.WorkdayStart && time < _options.WorkdayEnd;
    }
}
