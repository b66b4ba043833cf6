using AnBien.Bot.Announcements;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Announcements;

/// <summary>
/// The one-statement enqueue (<see cref="AudienceInsert"/>) writes the rows a council member expects: each crafted
/// person's channel, state and reason is spelled out here, and for every kind of audience the rows equal those of the
/// person-by-person resolver (<see cref="AudienceResolver"/>), with and without the Zalo notification template.
/// </summary>
public sealed class AudienceInsertTests
{
    public static TheoryData<string, bool> Cases() => new() { { "Sqlite", false }, { "Sqlite", true }, { "Postgres", false }, { "Postgres", true } };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task MixedAudienceGetsTheSameRowsAsThePersonByPersonResolver(string provider, bool zns)
    {
        var settings = zns ? new Dictionary<string, string?> { ["Zalo:Zns:TemplateId"] = "7895417a7d3f9461cd2e", ["Zalo:Zns:TextParameter"] = "noi_dung" } : null;
        await using var app = await BotApplication.StartAsync(provider, settings);
        var now = app.Clock.GetUtcNow();
        await using (var db = app.CreateDbContext())
        {
            var p = new Unit { Code = "QX", Name = "Quận X" };
            db.Units.Add(p);
            await db.SaveChangesAsync();
            var c = new Unit { Code = "QX-P1", Name = "Phòng 1", ParentId = p.Id };
            var o = new Unit { Code = "QY", Name = "Quận Y" };
            db.Units.AddRange(c, o);
            await db.SaveChangesAsync();
            var g = new Unit { Code = "QX-P1-T", Name = "Tổ 1", ParentId = c.Id };
            db.Units.Add(g);
            await db.SaveChangesAsync();

            Staff Person(string code, int unit, StaffRoles roles = StaffRoles.Staff, string? phone = null, bool active = true) =>
                new() { Code = code, FullName = code, UnitId = unit, Roles = roles, Phone = phone, Active = active };
            ChannelAccount Account(Staff s, string channel, DateTimeOffset? last, DateTimeOffset? unreachable = null) =>
                new() { Channel = channel, ChannelUserId = $"{channel}-{s.Code}", Staff = s, LinkedBy = "test", LastInteractionAt = last, UnreachableSince = unreachable };

            var teams = Person("AX01", p.Id);
            var zaloInside = Person("AX02", c.Id, StaffRoles.Staff | StaffRoles.UnitHead);
            var zaloOutsidePhone = Person("AX03", g.Id, phone: "0912345678");
            var zaloOutsideNoPhone = Person("AX04", g.Id);
            var nobody = Person("AX05", c.Id, StaffRoles.Council);
            var reported = Person("AX06", o.Id);
            var newerZaloOlderTeams = Person("AX07", o.Id, StaffRoles.Council);
            var left = Person("AX08", p.Id, active: false);
            db.Staff.AddRange(teams, zaloInside, zaloOutsidePhone, zaloOutsideNoPhone, nobody, reported, newerZaloOlderTeams, left);
            db.ChannelAccounts.AddRange(
                Account(teams, "msteams", now.AddDays(-30)),
                Account(zaloInside, "zalo", now.AddDays(-2)),
                Account(zaloInside, "msteams", now.AddDays(-20), unreachable: now.AddDays(-1)),
                Account(zaloOutsidePhone, "zalo", now.AddDays(-9)),
                Account(zaloOutsideNoPhone, "zalo", now.AddDays(-10)),
                Account(reported, "msteams", now.AddDays(-1), unreachable: now.AddHours(-1)),
                Account(reported, "zalo", now.AddDays(-40)),
                Account(newerZaloOlderTeams, "zalo", now.AddDays(-8)),
                Account(newerZaloOlderTeams, "msteams", now.AddDays(-60)),
                Account(left, "msteams", now));
            await db.SaveChangesAsync();
        }

        var everyone = await RowsAsync(app, AnnouncementAudience.Everyone);
        var outside = "zalo: outside the 7-day interaction window";
        Assert.Equal(("msteams", DeliveryState.Queued, (string?)null), everyone["AX01"]);
        Assert.Equal(("zalo", DeliveryState.Queued, (string?)null), everyone["AX02"]);
        Assert.Equal(zns ? ("zalo-zns", DeliveryState.Queued, null) : ("zalo", DeliveryState.Unreachable, outside), everyone["AX03"]);
        Assert.Equal(("zalo", DeliveryState.Unreachable, outside), everyone["AX04"]);
        Assert.Equal(((string?)null, DeliveryState.Unreachable, "no linked chat account"), everyone["AX05"]);
        Assert.Equal(("msteams", DeliveryState.Unreachable, "msteams: the channel reported the person unreachable"), everyone["AX06"]);
        Assert.Equal(("msteams", DeliveryState.Queued, (string?)null), everyone["AX07"]);
        Assert.False(everyone.ContainsKey("AX08"));

        var withSubUnits = await RowsAsync(app, AnnouncementAudience.Parse("units:QX", withSubUnits: true));
        Assert.Equal(["AX01", "AX02", "AX03", "AX04", "AX05"], withSubUnits.Keys.Order());
        var alone = await RowsAsync(app, AnnouncementAudience.Parse("units:qx-p1"));
        Assert.Equal(["AX02", "AX05"], alone.Keys.Order());
        var roles = await RowsAsync(app, AnnouncementAudience.Parse("roles:council,unit_head"));
        Assert.All(new[] { "AX02", "AX05", "AX07" }, code => Assert.Contains(code, roles.Keys));
        Assert.DoesNotContain("AX01", roles.Keys);
        var codes = await RowsAsync(app, AnnouncementAudience.Parse("staff:AX03,AX06,AX08,NOBODY"));
        Assert.Equal(["AX03", "AX06"], codes.Keys.Order());
    }

    /// <summary>Queues to <paramref name="audience"/> both ways and returns the fast path's rows after checking they match.</summary>
    private static async Task<Dictionary<string, (string?, DeliveryState, string?)>> RowsAsync(BotApplication app, AnnouncementAudience audience)
    {
        var service = app.Services.GetRequiredService<AnnouncementService>();
        var fast = await service.CreateAsync(new AnnouncementDraft("Nhanh", audience, "test"), default);
        await using var db = app.CreateDbContext();
        var recipients = await app.Services.GetRequiredService<AudienceResolver>().ResolveAsync(db, audience, app.Clock.GetUtcNow(), default);
        var slow = await service.EnqueueAsync(db, new AnnouncementDraft("Chậm", audience, "test"), recipients, default);

        var fastRows = await RowsOfAsync(db, fast.Id);
        Assert.Equal(await RowsOfAsync(db, slow.Id), fastRows);
        Assert.Equal(slow.RecipientCount, fast.RecipientCount);
        Assert.Equal(fastRows.Count, (await db.Announcements.SingleAsync(a => a.Id == fast.Id)).RecipientCount);
        return fastRows;
    }

    private static async Task<Dictionary<string, (string?, DeliveryState, string?)>> RowsOfAsync(BotDbContext db, long announcementId) =>
        (await (from d in db.AnnouncementDeliveries
                join s in db.Staff on d.StaffId equals s.Id
                where d.AnnouncementId == announcementId && d.Attempts == 0
                select new { s.Code, d.Channel, d.State, d.Reason }).ToListAsync())
        .ToDictionary(r => r.Code, r => ((string?)r.Channel, r.State, (string?)r.Reason));
}
