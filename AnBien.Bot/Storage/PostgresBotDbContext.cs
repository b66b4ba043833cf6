using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Storage;

public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql writes timestamptz only from UTC offsets; instants are instants, so normalise whatever offset came in.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
