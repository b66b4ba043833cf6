using System.Net;
using System.Text;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloTokenStoreTests
{
    private const string NewPair = """{"access_token":"AT-2","refresh_token":"RT-2","expires_in":"90000"}""";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TokenErrorTriggersExactlyOneRefreshAndARetry(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        await zalo.LinkAsync("6142494823000000010", "NV001");
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":-216,"message":"Access token is invalid"}""");
        zalo.Api.Enqueue(HttpStatusCode.OK, NewPair);

        var replies = await zalo.SayAsync("6142494823000000010", "menu");

        var calls = zalo.Api.Requests.ToList();
        Assert.Equal([ZaloTestHost.MessageUrl, ZaloTestHost.TokenUrl, ZaloTestHost.MessageUrl], calls.Select(c => c.Uri.ToString()).Take(3));
        Assert.Equal("AT-1", calls[0].Headers["access_token"]);
        Assert.Equal(ZaloTestHost.AppSecret, calls[1].Headers["secret_key"]);
        Assert.Equal($"refresh_token=RT-1&app_id={ZaloTestHost.AppId}&grant_type=refresh_token", calls[1].Body);
        Assert.Equal("AT-2", calls[2].Headers["access_token"]);
        Assert.Equal(calls[0].Body, calls[2].Body);
        Assert.Single(calls, c => c.Uri.ToString() == ZaloTestHost.TokenUrl);
        Assert.NotEmpty(replies);

        await using var db = zalo.App.CreateDbContext();
        var grant = await db.ZaloGrants.SingleAsync();
        Assert.Equal(("AT-2", "RT-2"), (zalo.Reveal(grant.AccessToken), zalo.Reveal(grant.RefreshToken)));
        Assert.Equal(zalo.App.Clock.GetUtcNow().AddSeconds(90000), grant.AccessTokenExpiresAt);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoConcurrentRefreshesCallTheTokenEndpointOnce(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        zalo.Api.Enqueue(_ =>
        {
            // Slow enough that the second instance arrives while the first holds the lease.
            Thread.Sleep(400);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(NewPair, Encoding.UTF8, "application/json") };
        });

        // Two stores with their own lease owner: two instances of the service on one database.
        var first = NewStore(zalo);
        var second = NewStore(zalo);
        var tokens = await Task.WhenAll(
            Task.Run(() => first.RefreshAsync("AT-1", CancellationToken.None)),
            Task.Run(async () =>
            {
                await Task.Delay(50);
                return await second.RefreshAsync("AT-1", CancellationToken.None);
            }));

        Assert.Equal(["AT-2", "AT-2"], tokens);
        Assert.Single(zalo.Api.Requests, r => r.Uri.ToString() == ZaloTestHost.TokenUrl);
        await using var db = zalo.App.CreateDbContext();
        var grant = await db.ZaloGrants.SingleAsync();
        Assert.Equal("RT-2", zalo.Reveal(grant.RefreshToken));
        Assert.Null(grant.LeaseOwner);
    }

    [Fact]
    public async Task RefusedRefreshMarksTheGrantLostAndIsNotRetried()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error_name":"Invalid refresh token","error_reason":"refresh token is expired","error_description":"…"}""");
        var store = zalo.App.Services.GetRequiredService<ZaloTokenStore>();

        await Assert.ThrowsAsync<ZaloNotAuthorizedException>(() => store.RefreshAsync("AT-1", CancellationToken.None));
        await Assert.ThrowsAsync<ZaloNotAuthorizedException>(() => store.GetAccessTokenAsync(CancellationToken.None));

        Assert.Single(zalo.Api.Requests);
        await using var db = zalo.App.CreateDbContext();
        var grant = await db.ZaloGrants.SingleAsync();
        Assert.NotNull(grant.LostAt);
        Assert.Contains("Invalid refresh token", grant.LostReason, StringComparison.Ordinal);
        Assert.Equal("RT-1", zalo.Reveal(grant.RefreshToken));
    }

    [Fact]
    public async Task AccessTokenIsRefreshedBeforeItExpires()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        zalo.Api.Enqueue(HttpStatusCode.OK, NewPair);
        var store = zalo.App.Services.GetRequiredService<ZaloTokenStore>();

        Assert.Equal("AT-1", await store.GetAccessTokenAsync(CancellationToken.None));
        zalo.App.Clock.Advance(TimeSpan.FromHours(16));
        Assert.Equal("AT-2", await store.GetAccessTokenAsync(CancellationToken.None));
        Assert.Single(zalo.Api.Requests, r => r.Uri.ToString() == ZaloTestHost.TokenUrl);
    }

    private static ZaloTokenStore NewStore(ZaloTestHost zalo)
    {
        var services = zalo.App.Services;
        return new ZaloTokenStore(
            zalo.App.Database.Factory,
            services.GetRequiredService<ZaloOAuthClient>(),
            services.GetRequiredService<ZaloGrantAlarm>(),
            services.GetRequiredService<AnBien.Bot.Privacy.SecretProtector>(),
            services.GetRequiredService<IOptions<ZaloOptions>>(),
            zalo.App.Clock,
            services.GetRequiredService<AnBien.Bot.Hosting.OperationsMetrics>(),
            NullLogger<ZaloTokenStore>.Instance);
    }
}
