using AnBien.Bot.Conversations;

namespace AnBien.Bot.Announcements;

/// <summary>
/// What a recipient sees: the title, the text in their language, the link and the picture's address, and the "Đã đọc"
/// button. The delivery workers send it; the compose dialog shows the same message as its preview.
/// </summary>
public static class AnnouncementMessage
{
    /// <summary>The value the "Đã đọc" button sends back; <see cref="AnnouncementReplyHandler"/> parses it.</summary>
    public static string AckValue(long announcementId) => $"ack:{announcementId}";

    public static OutgoingMessage Render(TextCatalog texts, Announcement a, string recipientLanguage)
    {
        var english = recipientLanguage == TextCatalog.English && a.TextEnglish is not null;
        var language = english ? TextCatalog.English : TextCatalog.Vietnamese;
        var text = english ? a.TextEnglish! : a.Text;
        if (a.Link is not null) text += "\n" + a.Link;

        // A picture travels as its address: Zalo fetches images by URL, and Teams and the web chat open the link.
        if (a.ImagePath is not null) text += "\n" + texts.Get(language, "announce.image", ("url", a.ImagePath));
        return new OutgoingMessage(text)
        {
            Title = texts.Get(language, "announce.title"),
            PromptId = $"announcement:{a.Id}",
            Choices = a.RequiresAck ? [new Choice(AckValue(a.Id), texts.Get(language, "announce.ack"))] : [],
        };
    }
}
