using AnBien.Bot.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Privacy;

public static class PrivacyExtensions
{
    /// <summary>
    /// Personal data: consent, export and its signed links, anonymisation and erasure, retention, and encryption of the
    /// secrets kept at rest with Data Protection keys in the database or in DataProtection:KeysFolder.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeyStorageOptions>().BindConfiguration(KeyStorageOptions.Section).ValidateOnStart();

        // One application name on every instance, whatever folder it runs from, so they all read each other's ciphertext.
        services.AddDataProtection().SetApplicationName("AnBien.Bot");
        services.AddOptions<KeyManagementOptions>().Configure<BotDbContextFactory, IOptions<KeyStorageOptions>, ILoggerFactory>((o, databases, keys, logs) =>
            o.XmlRepository = keys.Value.KeysFolder is { Length: > 0 } folder
                ? new FileSystemXmlRepository(System.IO.Directory.CreateDirectory(folder), logs)
                : new DatabaseKeyRepository(databases));

        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ISignedLinks, DataProtectionSignedLinks>();
        services.AddSingleton<PersonalDataLinks>();
        services.AddSingleton<PersonalDataExport>();
        services.AddSingleton<PersonalDataRemoval>();
        services.AddSingleton<ConsentService>();
        services.AddHostedService<Jobs.RetentionJob>();
        return services;
    }
}
