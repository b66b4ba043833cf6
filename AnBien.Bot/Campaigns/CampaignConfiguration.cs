using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Campaigns;

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.HasIndex(c => new { c.From, c.To });
        builder.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
