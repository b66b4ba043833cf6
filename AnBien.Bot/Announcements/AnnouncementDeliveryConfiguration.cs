using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Announcements;

public sealed class AnnouncementDeliveryConfiguration : IEntityTypeConfiguration<AnnouncementDelivery>
{
    public const string Table = "AnnouncementDeliveries";

    public void Configure(EntityTypeBuilder<AnnouncementDelivery> builder)
    {
        builder.ToTable(Table);
        builder.HasIndex(d => new { d.AnnouncementId, d.StaffId }).IsUnique();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
        builder.HasIndex(d => d.StaffId);
        builder.Property(d => d.Channel).HasMaxLength(32);
        builder.Property(d => d.Reason).HasMaxLength(256);
        builder.HasOne<Announcement>().WithMany().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Storage.Staff>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
