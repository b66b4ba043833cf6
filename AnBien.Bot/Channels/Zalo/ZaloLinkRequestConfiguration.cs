using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.Zalo;

public sealed class ZaloLinkRequestConfiguration : IEntityTypeConfiguration<ZaloLinkRequest>
{
    public void Configure(EntityTypeBuilder<ZaloLinkRequest> builder)
    {
        builder.ToTable("ZaloLinkRequests");
        builder.HasIndex(x => new { x.ApproverStaffId, x.DecidedAt });
        builder.HasIndex(x => x.ZaloUserId);
        builder.Property(x => x.ZaloUserId).HasMaxLength(32);
        builder.HasOne(x => x.Staff).WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
