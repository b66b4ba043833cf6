using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Announcements;

public sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.ToTable("Announcements");
        builder.Property(a => a.Text).HasMaxLength(4000);
        builder.Property(a => a.TextEnglish).HasMaxLength(4000);
        builder.Property(a => a.Link).HasMaxLength(1024);
        builder.Property(a => a.ImageUrl).HasMaxLength(512);
        builder.Property(a => a.ImageType).HasMaxLength(32);
        builder.Property(a => a.Audience).HasMaxLength(4000);
        builder.Property(a => a.CreatedBy).HasMaxLength(64);
        builder.Property(a => a.OccurrenceKey).HasMaxLength(96);
        builder.HasIndex(a => a.OccurrenceKey).IsUnique();
        builder.HasIndex(a => new { a.Kind, a.PeriodId });
        builder.HasOne<Storage.Period>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AnnouncementImageConfiguration : IEntityTypeConfiguration<AnnouncementImage>
{
    public void Configure(EntityTypeBuilder<AnnouncementImage> builder)
    {
        builder.ToTable("AnnouncementImages");
        builder.HasKey(i => i.AnnouncementId);
        builder.Property(i => i.AnnouncementId).ValueGeneratedNever();
        builder.HasOne<Announcement>().WithOne().HasForeignKey<AnnouncementImage>(i => i.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}
