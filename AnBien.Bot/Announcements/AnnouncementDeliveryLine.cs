namespace AnBien.Bot.Announcements;

/// <summary>One delivery as the workbook lists it.</summary>
public sealed record AnnouncementDeliveryLine(string Code, string FullName, string Unit, string? Channel, DeliveryState State, string? Reason,
    int Attempts, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt);
