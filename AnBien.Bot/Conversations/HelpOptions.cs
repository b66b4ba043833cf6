using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Conversations;

/// <summary>What "trợ giúp" tells a person about whom to contact (section "Help").</summary>
public sealed class HelpOptions
{
    public const string Section = "Help";

    /// <summary>
    /// Who answers questions about the programme, e.g. "Chị Hoa, Phòng Nội vụ, 0263 3xxx xxx". Empty: the help text
    /// points to the person's unit head and the Phòng Nội vụ (texts key "help.contact.default").
    /// </summary>
    [MaxLength(300)]
    public string? Contact { get; set; }
}
