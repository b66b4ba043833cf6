using AnBien.Bot.Conversations;

namespace AnBien.Bot.Announcements;

/// <summary>
/// What a recipient sees: the title, the text in their language, the link, the picture, and the "Đã đọc" button. The
/// delivery workers send it; the compose dialog shows the same message as its preview.
/// </summary>
public static class AnnouncementMessage
{
    /// <summary>The value the "Đã đọc" button sends back; <see cref="AnnouncementReplyHandler"/> parses it.</summary>
    public static string AckValue(long announcementId) => $"ack:{announcementId}";

    /// <param name="picture">The picture given as a file, read by the caller; a picture given by address needs none.</param>
    public static OutgoingMessage Render(TextCatalog texts, Announcement a, string recipientLanguage, MessageImage? picture = null)
    {
        var english = recipientLanguage == TextCatalog.English && a.TextEnglish is not null;
        var language = english ? TextCatalog.English : TextCatalog.Vietnamese;
        var text = english ? a.TextEnglish! : a.Text;
        if (a.Link is not null) text += "\n" + a.Link;

        // Every channel shows the picture itself: inside the Teams card, as an image attachment, as a Zalo image message.
        if (picture is null && a.ImageUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var address)) picture = MessageImage.At(address, AltText(texts, language));
        return new OutgoingMessage(text)
        {
            Image = picture,
            Title = texts.Get(language, "announce.title"),
            PromptId = $"announcement:{a.Id}",
            Choices = a.RequiresAck ? [new Choice(AckValue(a.Id), texts.Get(language, "announce.ack"))] : [],
        };
    }

    /// <summary>The picture's text for screen readers and clients that cannot show it.</summary>
    public static string AltText(TextCatalog texts, string language) => texts.Get(language, "announce.imageAlt");
}
