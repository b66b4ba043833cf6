namespace AnBien.Bot.Schedule;

/// <summary>When a person does not want reminders: on leave until a date (inclusive), or snoozed until an instant.</summary>
public sealed class StaffAvailability
{
    public int StaffId { get; set; }
    public DateOnly? OnLeaveUntil { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
