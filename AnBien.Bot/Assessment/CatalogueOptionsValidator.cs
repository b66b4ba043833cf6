using Microsoft.Extensions.Options;

namespace AnBien.Bot.Assessment;

/// <summary>Refuses at start-up a configuration that names catalogues in two ways at once.</summary>
public sealed class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        options.Paths(out var error);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}
