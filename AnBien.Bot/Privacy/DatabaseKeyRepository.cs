using System.Xml.Linq;
using AnBien.Bot.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Keeps the Data Protection key ring in the bot's database, so every instance decrypts what another encrypted. Written
/// here rather than with the EF Core key store package because that one resolves a context from the DI container, and
/// ours come from <see cref="BotDbContextFactory"/> (one pooled factory per provider).
/// </summary>
public sealed class DatabaseKeyRepository(BotDbContextFactory databases) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = databases.Create();
        return db.ProtectionKeys.Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = databases.Create();
        db.ProtectionKeys.Add(new ProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
