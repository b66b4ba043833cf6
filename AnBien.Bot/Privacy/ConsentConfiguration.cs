using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Privacy;

public sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("Consents");
        builder.HasIndex(c => new { c.StaffId, c.DecidedAt });
        builder.Property(c => c.NoticeVersion).HasMaxLength(32);
        builder.Property(c => c.Channel).HasMaxLength(32);
        builder.HasOne(c => c.Staff).WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
