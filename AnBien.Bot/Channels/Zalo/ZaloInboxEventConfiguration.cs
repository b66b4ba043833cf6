using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.Zalo;

public sealed class ZaloInboxEventConfiguration : IEntityTypeConfiguration<ZaloInboxEvent>
{
    public void Configure(EntityTypeBuilder<ZaloInboxEvent> builder)
    {
        builder.ToTable("ZaloInbox");
        builder.HasIndex(x => x.DedupeKey).IsUnique();
        builder.HasIndex(x => new { x.ProcessedAt, x.LeaseUntil });
        builder.HasIndex(x => new { x.UserId, x.Id });
        builder.Property(x => x.DedupeKey).HasMaxLength(256);
        builder.Property(x => x.EventName).HasMaxLength(64);
        builder.Property(x => x.UserId).HasMaxLength(32);
        builder.Property(x => x.LeaseOwner).HasMaxLength(64);
        builder.Property(x => x.LastError).HasMaxLength(256);
    }
}
