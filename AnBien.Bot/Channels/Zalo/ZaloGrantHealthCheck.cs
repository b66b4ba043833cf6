using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// A lost or missing OA grant shows as "degraded": Zalo needs an administrator, but Teams and the web chat still work,
/// so the instance stays in the load balancer's rotation.
/// </summary>
public sealed class ZaloGrantHealthCheck(IOptions<ZaloOptions> options, BotDbContextFactory databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled) return HealthCheckResult.Healthy("not configured");
        try
        {
            await using var db = databases.Create();
            var grant = await db.ZaloGrants.AsNoTracking().Where(g => g.OaId == settings.OaId)
                .Select(g => new { g.AccessToken, g.LostAt })
                .SingleOrDefaultAsync(cancellationToken);
            if (grant?.AccessToken is null) return HealthCheckResult.Degraded("the OA has not been authorised");
            return grant.LostAt is null ? HealthCheckResult.Healthy("authorised") : HealthCheckResult.Degraded("the OA grant was lost; authorise it again");
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            // The database check reports the outage; this one cannot tell.
            return HealthCheckResult.Degraded("grant unknown (database unavailable)");
        }
    }
}
