using AnBien.Bot.Announcements;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Schedule;

/// <summary>The rhythm's messages about a period, in Vietnamese and English from Resources/texts, as announcement drafts.</summary>
public sealed class RhythmNotice(TextCatalog texts, WorkingCalendar calendar)
{
    public const string CreatedBy = "schedule";

    public AnnouncementDraft Draft(AnnouncementKind kind, string textKey, Period period, AnnouncementAudience audience, string occurrenceKey)
    {
        (string, object?)[] args =
        [
            ("month", DisplayFormat.Month(period.Month)),
            ("closes", DisplayFormat.Date(calendar.Local(period.ClosesAt.AddSeconds(-1)))),
        ];
        return new AnnouncementDraft(texts.Get(TextCatalog.Vietnamese, textKey, args), audience, CreatedBy)
        {
            Kind = kind,
            TextEnglish = texts.Get(TextCatalog.English, textKey, args),
            PeriodId = period.Id,
            OccurrenceKey = occurrenceKey,
        };
    }
}
