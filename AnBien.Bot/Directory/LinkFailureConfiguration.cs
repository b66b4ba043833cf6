using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Directory;

public sealed class LinkFailureConfiguration : IEntityTypeConfiguration<LinkFailure>
{
    public void Configure(EntityTypeBuilder<LinkFailure> builder)
    {
        builder.ToTable("LinkFailures");
        builder.Property(f => f.Channel).HasMaxLength(32);
        builder.Property(f => f.ChannelUserId).HasMaxLength(256);
        builder.Property(f => f.ClientAddress).HasMaxLength(64);
        builder.HasIndex(f => new { f.Channel, f.ChannelUserId, f.FailedAt });
        builder.HasIndex(f => new { f.ClientAddress, f.FailedAt });
    }
}
