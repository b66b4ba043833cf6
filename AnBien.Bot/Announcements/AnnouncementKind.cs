namespace AnBien.Bot.Announcements;

/// <summary>Who asked for the message: the council (or an administrator), or a step of the monthly rhythm.</summary>
public enum AnnouncementKind
{
    Council = 0,
    PeriodOpened = 1,
    Reminder = 2,
    PeriodClosed = 3,

    /// <summary>A unit head's (or the council's) summary pushed when a period closes; one announcement per recipient.</summary>
    ClosingSummary = 4,
}
