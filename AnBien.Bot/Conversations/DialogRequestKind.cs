namespace AnBien.Bot.Conversations;

public enum DialogRequestKind
{
    Begin,
    Replace,
    End,
}
