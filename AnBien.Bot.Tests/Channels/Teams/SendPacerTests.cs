using AnBien.Bot.Channels.Teams;
using Microsoft.Extensions.Time.Testing;

namespace AnBien.Bot.Tests.Channels.Teams;

public sealed class SendPacerTests
{
    private static readonly SendLimit[] TeamsThread =
        [new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2)), new(60, TimeSpan.FromSeconds(30)), new(1800, TimeSpan.FromHours(1))];

    [Fact]
    public void BurstToOneThreadIsSpreadOverTeamsPerThreadLimits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        var pacer = new SendPacer(clock);

        var waits = Enumerable.Range(0, 10).Select(_ => pacer.Reserve("thread-a", TeamsThread).TotalSeconds).ToList();

        // 7 at once; the 8th once a second has passed; no two-second window ever holds more than 8.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 2, 2], waits);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("thread-b", TeamsThread));
    }

    [Fact]
    public void SixtyOneSendsWaitForTheThirtySecondWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        var pacer = new SendPacer(clock);
        for (var i = 0; i < 60; i++)
        {
            pacer.Reserve("thread-a", TeamsThread);
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(TimeSpan.FromSeconds(6), pacer.Reserve("thread-a", TeamsThread));
    }
}
