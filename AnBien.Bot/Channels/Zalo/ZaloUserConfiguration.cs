using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.Zalo;

public sealed class ZaloUserConfiguration : IEntityTypeConfiguration<ZaloUser>
{
    public void Configure(EntityTypeBuilder<ZaloUser> builder)
    {
        builder.ToTable("ZaloUsers");
        builder.HasKey(x => x.UserId);
        builder.Property(x => x.UserId).HasMaxLength(32);
    }
}
