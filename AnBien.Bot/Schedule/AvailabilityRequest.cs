namespace AnBien.Bot.Schedule;

/// <summary>What a person asked: no reminders until <see cref="SnoozeUntil"/>, or none while on leave through <see cref="LeaveUntil"/>.</summary>
public sealed record AvailabilityRequest(DateTimeOffset? SnoozeUntil, DateOnly? LeaveUntil)
{
    public static AvailabilityRequest Snooze(DateTimeOffset until) => new(until, null);

    public static AvailabilityRequest Leave(DateOnly through) => new(null, through);
}
