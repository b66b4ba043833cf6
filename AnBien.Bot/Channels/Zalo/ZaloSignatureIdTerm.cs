namespace AnBien.Bot.Channels.Zalo;

/// <summary>The id that starts the webhook mac (docs/protocols/zalo.md §1.3: app_id documented, oa_id seen in community code).</summary>
public enum ZaloSignatureIdTerm
{
    AppId,
    OaId,
}
