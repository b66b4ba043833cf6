using AnBien.Bot.Assessment;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

public static class ScheduleExtensions
{
    /// <summary>The monthly rhythm (open, remind, close, digest) from the Schedule section, and leave/snooze records.</summary>
    public static IServiceCollection AddRhythm(this IServiceCollection services)
    {
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();

        // The period window follows the same expressions, so "period open" and the dialogs agree with the rhythm.
        services.AddOptions<PeriodOptions>().Configure<IOptions<ScheduleOptions>>((periods, schedule) =>
        {
            periods.OpenCron = schedule.Value.OpenPeriod;
            periods.CloseCron = schedule.Value.ClosePeriod;
        });

        services.AddSingleton<WorkingCalendar>();
        services.AddSingleton<RhythmNotice>();
        services.AddSingleton<OccurrenceLease>();
        services.AddSingleton<IRhythmStep, OpenPeriodStep>();
        services.AddSingleton<IRhythmStep, ReminderStep>();
        services.AddSingleton<ClosePeriodStep>();
        services.AddSingleton<IRhythmStep>(sp => sp.GetRequiredService<ClosePeriodStep>());
        services.AddSingleton<IRhythmStep, CouncilDigestStep>();
        services.AddSingleton<RhythmScheduler>();
        services.AddSingleton<AvailabilityService>();
        services.AddHostedService<Jobs.RhythmJob>();
        return services;
    }
}
