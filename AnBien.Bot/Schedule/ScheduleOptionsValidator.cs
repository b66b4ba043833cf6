using Cronos;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>A typo in a cron expression must stop the service at start, not silently skip a month.</summary>
public sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in Expressions(options))
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            try
            {
                CronExpression.Parse(value);
            }
            catch (CronFormatException ex)
            {
                errors.Add($"Schedule:{key} '{value}' is not a cron expression: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ClosePeriod)) errors.Add("Schedule:ClosePeriod is required: it defines when a period ends.");
        if (options.WorkdayEnd <= options.WorkdayStart) errors.Add("Schedule:WorkdayEnd must be after Schedule:WorkdayStart.");
        if (options.Tick <= TimeSpan.Zero || options.Lease <= TimeSpan.Zero) errors.Add("Schedule:Tick and Schedule:Lease must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<(string Key, string Value)> Expressions(ScheduleOptions o) =>
    [
        (nameof(o.OpenPeriod), o.OpenPeriod), (nameof(o.Remind), o.Remind),
        (nameof(o.ClosePeriod), o.ClosePeriod), (nameof(o.CouncilDigest), o.CouncilDigest),
    ];
}
