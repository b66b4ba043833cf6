using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Storage;

public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options);
