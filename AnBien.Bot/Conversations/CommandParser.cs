namespace AnBien.Bot.Conversations;

/// <summary>Recognises the global words, typed with or without diacritics, in Vietnamese or English.</summary>
public static class CommandParser
{
    private static readonly Dictionary<string, Command> Words = new(StringComparer.Ordinal)
    {
        ["menu"] = Command.Menu, ["cmd menu"] = Command.Menu,
        ["tro giup"] = Command.Help, ["help"] = Command.Help, ["giup"] = Command.Help, ["huong dan"] = Command.Help,
        ["cmd help"] = Command.Help,
        ["huy"] = Command.Cancel, ["cancel"] = Command.Cancel, ["thoat"] = Command.Cancel, ["cmd cancel"] = Command.Cancel,
        ["de sau"] = Command.Pause, ["tam dung"] = Command.Pause, ["later"] = Command.Pause, ["pause"] = Command.Pause,
        ["cmd pause"] = Command.Pause,
        ["quay lai"] = Command.Back, ["tro lai"] = Command.Back, ["back"] = Command.Back, ["cmd back"] = Command.Back,
        ["sua cau truoc"] = Command.Back,
        ["lien ket"] = Command.Link, ["lien ket tai khoan"] = Command.Link, ["link"] = Command.Link, ["cmd link"] = Command.Link,
        ["tieng viet"] = Command.Vietnamese, ["english"] = Command.English,
    };

    public static Command Parse(string? text) =>
        Words.TryGetValue(TextNormalizer.Fold(text), out var command) ? command : Command.None;
}
