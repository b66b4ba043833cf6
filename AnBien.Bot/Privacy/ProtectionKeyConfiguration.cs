using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Privacy;

public sealed class ProtectionKeyConfiguration : IEntityTypeConfiguration<ProtectionKey>
{
    public void Configure(EntityTypeBuilder<ProtectionKey> builder)
    {
        builder.ToTable("ProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(128);
    }
}
