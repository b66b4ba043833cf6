using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Privacy;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Privacy;

public sealed class SecretProtectorTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PlaintextZaloTokensAreEncryptedOnFirstReadAndAnotherInstanceReadsThem(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider); // seeds AT-1 / RT-1 in plaintext, as an older version stored them

        Assert.Equal("AT-1", await zalo.App.Services.GetRequiredService<ZaloTokenStore>().GetAccessTokenAsync(default));

        await using (var db = zalo.App.CreateDbContext())
        {
            var stored = await db.ZaloGrants.AsNoTracking().SingleAsync();
            Assert.StartsWith(SecretProtector.Prefix, stored.AccessToken, StringComparison.Ordinal);
            Assert.DoesNotContain("AT-1", stored.AccessToken, StringComparison.Ordinal);
            Assert.DoesNotContain("RT-1", stored.RefreshToken, StringComparison.Ordinal);
            Assert.NotEmpty(await db.ProtectionKeys.ToListAsync()); // the key ring lives in the database by default
        }

        // A second instance on the same database shares the key ring, so it decrypts what the first encrypted.
        await using var second = ZaloTestHost.StartOn(zalo.App.Database, processInbox: false);
        Assert.Equal("AT-1", await second.App.Services.GetRequiredService<ZaloTokenStore>().GetAccessTokenAsync(default));
    }

    [Fact]
    public async Task KeysGoToTheConfiguredFolderInsteadOfTheDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}");
        try
        {
            await using var app = await BotApplication.StartAsync(settings: new() { ["DataProtection:KeysFolder"] = folder });
            var secrets = app.Services.GetRequiredService<SecretProtector>();
            var stored = secrets.Protect("secret-value")!;

            Assert.DoesNotContain("secret-value", stored, StringComparison.Ordinal);
            Assert.Equal("secret-value", secrets.Unprotect(stored));
            Assert.NotEmpty(System.IO.Directory.GetFiles(folder, "key-*.xml"));
            await using var db = app.CreateDbContext();
            Assert.Empty(await db.ProtectionKeys.ToListAsync());
        }
        finally
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
