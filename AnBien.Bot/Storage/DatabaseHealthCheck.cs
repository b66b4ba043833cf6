using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnBien.Bot.Storage;

/// <summary>Ready means the database answers and its schema is this build's: an instance with pending migrations must not take turns.</summary>
public sealed class DatabaseHealthCheck(BotDbContextFactory databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = databases.Create();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{databases.Provider} reachable, schema up to date")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            return HealthCheckResult.Unhealthy($"{databases.Provider} unreachable ({ex.GetType().Name})");
        }
    }
}
