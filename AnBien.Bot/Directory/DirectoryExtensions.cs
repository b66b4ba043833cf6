namespace AnBien.Bot.Directory;

public static class DirectoryExtensions
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectoryImporter>();
        services.AddSingleton<Admin.AssessmentExport>();
        return services;
    }
}
