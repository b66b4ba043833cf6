using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.Zalo;

public sealed class ZaloGrantConfiguration : IEntityTypeConfiguration<ZaloGrant>
{
    public void Configure(EntityTypeBuilder<ZaloGrant> builder)
    {
        builder.ToTable("ZaloGrants");
        builder.HasKey(x => x.OaId);
        // Tokens and the PKCE verifier are stored encrypted (SecretProtector): the ciphertext is about twice as long.
        builder.Property(x => x.OaId).HasMaxLength(32);
        builder.Property(x => x.AccessToken).HasMaxLength(4096);
        builder.Property(x => x.RefreshToken).HasMaxLength(4096);
        builder.Property(x => x.LeaseOwner).HasMaxLength(64);
        builder.Property(x => x.LostReason).HasMaxLength(256);
        builder.Property(x => x.PendingState).HasMaxLength(64);
        builder.Property(x => x.PendingVerifier).HasMaxLength(512);
    }
}
